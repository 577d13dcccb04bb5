#pragma once

#include "core/viewer/traceanalysis.h"
#include "core/viewer/tracedocument.h"
#include "core/viewer/tracestatsmodel.h"

#include <QWidget>

#include <vector>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace Workbench {

// Where the time of a trace goes: self time per service or per span name, as a sortable
// table and a horizontal bar chart of the biggest groups. Computed only while shown.
class TraceStatsPanel : public QWidget
{
    Q_OBJECT
public:
    // Bars in the chart; the table lists every group.
    static constexpr int MaxBars = 6;

    explicit TraceStatsPanel(QWidget *parent = nullptr);
    ~TraceStatsPanel() override;

    // `spans` limits the statistics to some spans (a re-rooted subtree); empty: all.
    void setDocument(Viewer::TraceDocumentPtr document, std::vector<qint32> spans = {}, const QString &scope = {});
    void setGroupBy(Viewer::TraceAnalysis::GroupBy by);
    Viewer::TraceAnalysis::GroupBy groupBy() const { return m_model->groupBy(); }
    // Computes now if anything changed, shown or not.
    void refresh();

    TraceStatsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QChart *chart() const { return m_chart; }

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateChart();
    void placePlotArea();

    Viewer::TraceDocumentPtr m_document;
    std::vector<qint32> m_spans;
    TraceStatsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QComboBox *m_by;
    QLabel *m_scope;
    QTableView *m_table;
    QChart *m_chart;
    QChartView *m_chartView;
    bool m_dirty = false;
};

} // namespace Workbench
