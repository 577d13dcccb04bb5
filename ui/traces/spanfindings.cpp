#include "ui/traces/spanfindings.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
constexpr int IndexRole = Qt::UserRole;
constexpr int SpanIdRole = Qt::UserRole + 1;
} // namespace

SpanFindings::SpanFindings(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_list(new QListWidget(this))
{
    setObjectName(u"span-findings-panel"_s);
    m_summary->setObjectName(u"span-findings-summary"_s);
    m_summary->setTextFormat(Qt::RichText);
    m_list->setObjectName(u"span-findings"_s);
    m_list->setUniformItemSizes(true);
    m_list->setWordWrap(false);
    m_list->setToolTip(tr("Click a finding to select its span."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);

    auto activate = [this](QListWidgetItem *item) {
        const int index = item->data(IndexRole).toInt();
        if (index >= 0)
            Q_EMIT spanActivated(index, item->data(SpanIdRole).toString());
    };
    connect(m_list, &QListWidget::itemClicked, this, activate);
    connect(m_list, &QListWidget::itemActivated, this, activate);
}

void SpanFindings::setReport(const Traces::ValidationReport &report, qsizetype spans)
{
    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    m_list->setUpdatesEnabled(false);
    m_list->clear();
    int rows = 0;
    for (const Finding &finding : report.findings) {
        if (rows == MaxRows)
            break;
        auto *item = new QListWidgetItem(finding.isError() ? errorIcon : warningIcon, finding.message);
        item->setData(IndexRole, finding.index);
        item->setData(SpanIdRole, finding.spanId);
        item->setToolTip(finding.rule + u": "_s + finding.message);
        m_list->addItem(item);
        ++rows;
    }
    m_list->setUpdatesEnabled(true);

    const qsizetype shown = rows;
    const qsizetype all = report.findings.size() + report.omitted;
    QString text;
    if (report.errors == 0 && report.warnings == 0)
        text = u"<span style=\"color:#2e7d32\">"_s
            + tr("✔ %n span(s), no findings: the agent takes them as they are.", nullptr, int(spans)) + u"</span>"_s;
    else
        text = (report.errors > 0 ? u"<span style=\"color:#c62828\"><b>"_s
                        + tr("✖ %n error(s)", nullptr, int(report.errors)) + u"</b></span>"_s
                                  : u"<span style=\"color:#2e7d32\">"_s + tr("no errors") + u"</span>"_s)
            + u" · "_s + u"<span style=\"color:#b26a00\">"_s + tr("%n warning(s)", nullptr, int(report.warnings))
            + u"</span> · "_s + tr("%n span(s)", nullptr, int(spans));
    if (shown < all)
        text += u" · "_s + tr("the first %1 of %2 findings are listed").arg(qlonglong(shown)).arg(qlonglong(all));
    m_summary->setText(text);
}

} // namespace Workbench
