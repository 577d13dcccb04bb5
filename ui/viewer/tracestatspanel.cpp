#include "ui/viewer/tracestatspanel.h"

#include "core/viewer/timeaxis.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace Workbench {

using Viewer::TraceAnalysis::Group;
using Viewer::TraceAnalysis::GroupBy;

namespace {
QString elided(const QString &text, qsizetype max)
{
    return text.size() <= max ? text : text.left(max - 1) + u'…';
}
} // namespace

TraceStatsPanel::TraceStatsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new TraceStatsModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_by(new QComboBox(this))
    , m_scope(new QLabel(this))
    , m_table(new QTableView(this))
    , m_chart(new QChart)
    , m_chartView(new QChartView(m_chart, this))
{
    setObjectName(u"viewer-stats"_s);

    m_by->setObjectName(u"viewer-stats-by"_s);
    m_by->addItem(tr("Per service"), int(GroupBy::Service));
    m_by->addItem(tr("Per span name"), int(GroupBy::Name));
    connect(m_by, &QComboBox::currentIndexChanged, this, [this] { setGroupBy(GroupBy(m_by->currentData().toInt())); });
    m_scope->setObjectName(u"viewer-stats-scope"_s);
    m_scope->setTextFormat(Qt::PlainText);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Qt::UserRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_table->setObjectName(u"viewer-stats-table"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TraceStatsModel::SelfColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(TraceStatsModel::KeyColumn, QHeaderView::Interactive);
    m_table->setTextElideMode(Qt::ElideMiddle);

    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    m_chartView->setObjectName(u"viewer-stats-chart"_s);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(230);
    m_chartView->installEventFilter(this);

    auto *head = new QHBoxLayout;
    head->addWidget(m_by);
    head->addWidget(m_scope, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_chartView);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(head);
    layout->addWidget(splitter, 1);
}

TraceStatsPanel::~TraceStatsPanel() = default;

void TraceStatsPanel::setDocument(Viewer::TraceDocumentPtr document, std::vector<qint32> spans, const QString &scope)
{
    m_document = std::move(document);
    m_spans = std::move(spans);
    m_scope->setText(scope.isEmpty() ? (m_document ? tr("All spans") : QString()) : scope);
    m_dirty = true;
    if (isVisible() || !m_document)
        refresh();
}

void TraceStatsPanel::setGroupBy(GroupBy by)
{
    const int index = m_by->findData(int(by));
    if (index != m_by->currentIndex()) {
        m_by->setCurrentIndex(index); // comes back here
        return;
    }
    if (by == m_model->groupBy() && !m_dirty)
        return;
    m_dirty = true;
    // Changing the grouping is asked for: compute even when hidden, so the model follows.
    refresh();
}

void TraceStatsPanel::refresh()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    const auto by = GroupBy(m_by->currentData().toInt());
    if (!m_document) {
        m_model->setGroups({}, by);
    } else {
        m_model->setGroups(Viewer::TraceAnalysis::groups(m_document->store(), m_document->selfTimes(), by, m_spans),
                           by);
    }
    // Names as wide as they need, within reason; the numbers keep their room.
    m_table->resizeColumnToContents(TraceStatsModel::KeyColumn);
    m_table->setColumnWidth(TraceStatsModel::KeyColumn,
                            qBound(fontMetrics().horizontalAdvance(u"Span name"_s) + 24,
                                   m_table->columnWidth(TraceStatsModel::KeyColumn), 200));
    updateChart();
}

void TraceStatsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void TraceStatsPanel::updateChart()
{
    m_chart->removeAllSeries();
    const auto axes = m_chart->axes();
    for (QAbstractAxis *axis : axes) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    const auto &groups = m_model->groups();
    // One title for both groupings: the combo box above says which it is.
    m_chart->setTitle(tr("Biggest self times"));
    if (groups.empty())
        return;

    // groups() comes biggest self time first; bars are drawn bottom-up, so the biggest goes last.
    const qsizetype shown = qMin(qsizetype(groups.size()), qsizetype(MaxBars));
    auto *set = new QBarSet(tr("Self time"));
    QStringList categories;
    qint64 most = 0;
    for (qsizetype i = shown - 1; i >= 0; --i) {
        const Group &group = groups[size_t(i)];
        *set << double(group.selfMs);
        // Categories must be distinct; elided names might meet, so number them.
        QString label = elided(group.key.isEmpty() ? tr("(none)") : group.key, 22);
        while (categories.contains(label))
            label += u' ';
        categories << label;
        most = qMax(most, group.selfMs);
    }
    set->setColor(QColor(0x1f, 0x77, 0xb4));
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setBarWidth(0.7);
    m_chart->addSeries(series);

    auto *names = new QBarCategoryAxis;
    names->append(categories);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    names->setLabelsFont(small);
    m_chart->addAxis(names, Qt::AlignLeft);
    series->attachAxis(names);

    auto *values = new QValueAxis;
    values->setRange(0, double(qMax<qint64>(most, 1)) * 1.05);
    values->setLabelFormat(u"%.0f"_s);
    values->setTitleText(tr("ms"));
    values->setTickCount(5);
    values->setLabelsFont(small);
    values->setTitleFont(small);
    m_chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(values);
    placePlotArea();
}

void TraceStatsPanel::placePlotArea()
{
    // Qt Charts gives an axis at most a small share of the width, which cuts every name to "…";
    // the names get the left 40 % instead.
    const QSizeF size = m_chartView->viewport()->size();
    if (size.width() < 100 || size.height() < 100)
        return;
    const QFontMetricsF metrics(font());
    const qreal top = metrics.height() * 2.2;
    const qreal bottom = metrics.height() * 3.2;
    const qreal left = qMax<qreal>(90, size.width() * 0.4);
    m_chart->setPlotArea(
        QRectF(left, top, qMax<qreal>(40, size.width() - left - 16), qMax<qreal>(40, size.height() - top - bottom)));
}

bool TraceStatsPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_chartView && event->type() == QEvent::Resize)
        QMetaObject::invokeMethod(this, &TraceStatsPanel::placePlotArea, Qt::QueuedConnection);
    return QWidget::eventFilter(watched, event);
}

} // namespace Workbench
