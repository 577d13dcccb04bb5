#include "ui/viewer/spandetailspanel.h"

#include "core/traces/spanjson.h"
#include "core/viewer/timeaxis.h"
#include "core/viewer/traceanalysis.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {

enum Tab {
    FieldsTab,
    DataTab,
    JsonTab,
    FindingsTab,
};

QTableWidget *makeTable(QWidget *parent, const QString &name, const QStringList &headers)
{
    auto *table = new QTableWidget(parent);
    table->setObjectName(name);
    table->setColumnCount(int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectItems);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QString timestampText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs) + u"  ("_s
        + QString::number(qlonglong(ms)) + u')';
}

QString absent()
{
    return SpanDetailsPanel::tr("(absent)");
}

QString orAbsent(const QString &text)
{
    return text.isNull() ? absent() : text;
}

} // namespace

SpanDetailsPanel::SpanDetailsPanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_copyId(new QPushButton(tr("Copy ID"), this))
    , m_tabs(new QTabWidget(this))
    , m_fields(makeTable(this, u"viewer-details-fields"_s, {tr("Field"), tr("Value")}))
    , m_data(makeTable(this, u"viewer-details-data"_s, {tr("Key"), tr("Value")}))
    , m_json(new QPlainTextEdit(this))
    , m_findings(new QListWidget(this))
{
    setObjectName(u"viewer-details"_s);

    m_title->setObjectName(u"viewer-details-title"_s);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_title->setFont(big);
    m_title->setMinimumWidth(40);
    m_subtitle->setObjectName(u"viewer-details-subtitle"_s);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setWordWrap(true);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_copyId->setObjectName(u"viewer-copy-id"_s);
    m_copyId->setToolTip(tr("Copy the span's id to the clipboard"));
    connect(m_copyId, &QPushButton::clicked, this, &SpanDetailsPanel::copyId);

    m_json->setObjectName(u"viewer-details-json"_s);
    m_json->setReadOnly(true);
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_findings->setObjectName(u"viewer-details-findings"_s);
    m_findings->setWordWrap(true);
    m_findings->setAlternatingRowColors(true);

    m_tabs->setObjectName(u"viewer-details-tabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_fields, tr("Fields"));
    m_tabs->addTab(m_data, tr("Data"));
    m_tabs->addTab(m_json, tr("JSON"));
    m_tabs->addTab(m_findings, tr("Findings"));

    auto *head = new QHBoxLayout;
    head->addWidget(m_title, 1);
    head->addWidget(m_copyId);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(head);
    layout->addWidget(m_subtitle);
    layout->addWidget(m_tabs, 1);
    clear();
}

void SpanDetailsPanel::setDocument(Viewer::TraceDocumentPtr document)
{
    m_document = std::move(document);
    clear();
}

void SpanDetailsPanel::clear()
{
    m_span = -1;
    m_title->setText(m_document ? tr("No span selected") : tr("No trace open"));
    m_subtitle->setText(m_document ? tr("Select a span in the waterfall to see its fields, data, JSON and findings.")
                                   : QString());
    m_copyId->setEnabled(false);
    m_fields->setRowCount(0);
    m_data->setRowCount(0);
    m_json->clear();
    m_findings->clear();
    setTabCounts(0, 0);
}

void SpanDetailsPanel::addField(const QString &name, const QString &value, const QString &toolTip)
{
    const int row = m_fields->rowCount();
    m_fields->insertRow(row);
    auto *key = new QTableWidgetItem(name);
    QFont bold = key->font();
    bold.setBold(true);
    key->setFont(bold);
    auto *item = new QTableWidgetItem(value);
    item->setToolTip(toolTip.isEmpty() ? value : toolTip);
    if (value == absent())
        item->setForeground(palette().color(QPalette::PlaceholderText));
    m_fields->setItem(row, 0, key);
    m_fields->setItem(row, 1, item);
}

void SpanDetailsPanel::setTabCounts(qsizetype dataItems, qsizetype findingCount)
{
    m_tabs->setTabText(DataTab, dataItems > 0 ? tr("Data (%1)").arg(qlonglong(dataItems)) : tr("Data"));
    m_tabs->setTabText(FindingsTab,
                       findingCount > 0 ? tr("Findings (%1)").arg(qlonglong(findingCount)) : tr("Findings"));
}

void SpanDetailsPanel::showSpan(qint32 span)
{
    if (!m_document || span < 0 || span >= m_document->spanCount()) {
        clear();
        return;
    }
    m_span = span;
    const Traces::SpanStore &store = m_document->store();
    const Traces::TraceGraph &graph = m_document->graph();
    const Traces::Span value = store.span(span);
    const QString service = Viewer::TraceAnalysis::serviceOf(store, span);

    m_title->setText(value.name.isEmpty() ? tr("(unnamed span)") : value.name);
    QStringList facts;
    if (!service.isEmpty())
        facts << service;
    facts << (value.type.isNull() ? u"ENTRY"_s : value.type);
    if (value.duration)
        facts << Viewer::TimeAxis::duration(*value.duration);
    if (value.error.value_or(false))
        facts << tr("marked as error");
    facts << tr("span %1 of %2").arg(qlonglong(span) + 1).arg(qlonglong(store.size()));
    m_subtitle->setText(facts.join(u" · "_s));
    m_copyId->setEnabled(!value.spanId.isEmpty());

    m_fields->setRowCount(0);
    addField(u"spanId"_s, orAbsent(value.spanId));
    QString parent = orAbsent(value.parentId);
    switch (graph.link(span)) {
    case Traces::TraceGraph::Link::Root:
        break;
    case Traces::TraceGraph::Link::Child:
        if (const qint32 p = graph.parent(span); p >= 0)
            parent += tr("  (%1)").arg(store.name(p));
        break;
    case Traces::TraceGraph::Link::OtherTrace:
        parent += tr("  (a span of another trace)");
        break;
    case Traces::TraceGraph::Link::MissingParent:
        parent += tr("  (no span has this id: an orphan)");
        break;
    case Traces::TraceGraph::Link::Cycle:
        parent += tr("  (part of a cycle, broken here)");
        break;
    }
    addField(u"parentId"_s, parent);
    addField(u"traceId"_s, orAbsent(value.traceId));
    addField(u"timestamp"_s,
             value.timestamp ? QDateTime::fromMSecsSinceEpoch(*value.timestamp, Qt::UTC).toString(Qt::ISODateWithMs)
                             : absent(),
             value.timestamp ? timestampText(*value.timestamp) : QString());
    addField(u"duration"_s,
             value.duration
                 ? tr("%1 ms  (%2)").arg(qlonglong(*value.duration)).arg(Viewer::TimeAxis::duration(*value.duration))
                 : absent());
    const auto &selfTimes = m_document->selfTimes();
    if (size_t(span) < selfTimes.size())
        addField(tr("self time"), tr("%1 ms").arg(qlonglong(selfTimes[size_t(span)])),
                 tr("The duration less the time covered by the span's children"));
    addField(u"name"_s, orAbsent(value.name));
    addField(u"type"_s, value.type.isNull() ? tr("(absent: an ENTRY)") : value.type);
    addField(u"error"_s, value.error ? (*value.error ? u"true"_s : u"false"_s) : absent());
    if (!value.backendTrace.isNull())
        addField(u"backendTrace"_s, value.backendTrace);
    addField(tr("depth"), QString::number(graph.depth(span)));
    addField(tr("children"), QString::number(qlonglong(graph.children(span).size())));
    for (const Traces::ExtraField &extra : value.extras)
        addField(extra.key, QString::fromUtf8(extra.json), tr("A field the agent does not know, or of the wrong type"));

    m_data->setRowCount(int(value.data.size()));
    for (int row = 0; row < value.data.size(); ++row) {
        const Traces::DataItem &item = value.data.at(row);
        m_data->setItem(row, 0, new QTableWidgetItem(item.key));
        auto *cell = new QTableWidgetItem(item.value);
        cell->setToolTip(item.raw ? tr("Not a JSON string: shown as its JSON text") : item.value);
        if (item.raw)
            cell->setForeground(QColor(0xb3, 0x5c, 0x00));
        m_data->setItem(row, 1, cell);
    }

    m_json->setPlainText(QString::fromUtf8(Traces::SpanJson::spanJson(store, span, Traces::SpanJson::Format::Pretty)));

    m_findings->clear();
    const Findings findings = m_document->findingsFor(span);
    for (const Finding &finding : findings) {
        auto *item = new QListWidgetItem(
            style()->standardIcon(finding.isError() ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning),
            finding.message, m_findings);
        item->setToolTip(Finding::severityName(finding.severity) + u": "_s + finding.rule);
    }
    if (findings.isEmpty())
        new QListWidgetItem(tr("The validator found nothing about this span."), m_findings);
    setTabCounts(value.data.size(), findings.size());
}

void SpanDetailsPanel::showPlaceholder(const Viewer::WaterfallRows::Placeholder &placeholder)
{
    clear();
    const qsizetype children = qsizetype(placeholder.children.size());
    if (placeholder.kind == Viewer::WaterfallRows::Placeholder::Kind::MissingParent) {
        m_title->setText(tr("Missing parent %1").arg(placeholder.parentId));
        m_subtitle->setText(tr("%n span(s) name this parentId, but no span of the file has it: they are orphans, "
                               "gathered here.",
                               nullptr, int(children)));
    } else {
        m_title->setText(tr("Cycle"));
        m_subtitle->setText(tr("Following the parents of these %n span(s) leads back to them; the cycle is broken "
                               "and its spans are shown here.",
                               nullptr, int(children)));
    }
    m_json->setPlainText(tr("// a placeholder: no span of the file"));
}

QString SpanDetailsPanel::spanIdText() const
{
    return m_document && m_span >= 0 ? m_document->store().spanIdText(m_span) : QString();
}

QString SpanDetailsPanel::title() const
{
    return m_title->text();
}

QString SpanDetailsPanel::json() const
{
    return m_json->toPlainText();
}

void SpanDetailsPanel::copyId()
{
    const QString id = spanIdText();
    if (id.isEmpty())
        return;
    QApplication::clipboard()->setText(id);
    Q_EMIT copied(id);
}

} // namespace Workbench
