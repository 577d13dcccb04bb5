#pragma once

#include "core/traces/spanstore.h"
#include "core/traces/tracegraph.h"
#include "core/traces/tracevalidator.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace Workbench::Viewer {

// A trace opened for viewing: its spans, their graph, the validator's findings (findable per
// span) and every span's self time. Built once, then only read, so several views (and
// threads) can share it through a shared_ptr<const TraceDocument>.
class TraceDocument
{
public:
    // Builds graph, findings and self times for the spans. Of use on any thread.
    static std::shared_ptr<TraceDocument> build(Traces::SpanStore store, const QString &source,
                                                const std::atomic<bool> *cancel = nullptr);

    const Traces::SpanStore &store() const { return m_store; }
    const Traces::TraceGraph &graph() const { return m_graph; }
    const Traces::ValidationReport &report() const { return m_report; }
    const std::vector<qint64> &selfTimes() const { return m_selfTimes; }
    // The findings about one span (those the report kept).
    Findings findingsFor(qint32 span) const;
    // Whether the validator found an error about the span.
    bool hasErrorFinding(qint32 span) const;
    // What the trace came from: a file's path, "Span Trees", "local agent", …
    QString source() const { return m_source; }
    qsizetype spanCount() const { return m_store.size(); }
    // Bytes held by spans, graph, self times and the finding index.
    qsizetype memoryUsed() const;

    TraceDocument(const TraceDocument &) = delete;
    TraceDocument &operator=(const TraceDocument &) = delete;

private:
    TraceDocument() = default;

    Traces::SpanStore m_store;
    Traces::TraceGraph m_graph; // refers to m_store: the document never moves (heap only)
    Traces::ValidationReport m_report;
    std::vector<qint64> m_selfTimes;
    std::vector<std::pair<qint32, qint32>> m_findingIndex; // (span, finding), sorted by span
    QString m_source;
};

using TraceDocumentPtr = std::shared_ptr<const TraceDocument>;

// Opens traces off the GUI thread: reading (with progress), graph, validation. One load at a
// time; a new load cancels the one under way. Results come back on this object's thread.
class TraceLoader : public QObject
{
    Q_OBJECT
public:
    explicit TraceLoader(QObject *parent = nullptr);
    ~TraceLoader() override;

    void loadFile(const QString &path);
    void loadStore(Traces::SpanStore store, const QString &source);
    void cancel();
    bool isBusy() const { return m_thread != nullptr; }

Q_SIGNALS:
    // 0..100, with what is being done ("Reading", "Checking").
    void progress(int percent, const QString &stage);
    void loaded(const Workbench::Viewer::TraceDocumentPtr &document);
    // Also after cancel(), with cancelled set.
    void failed(const QString &message, bool cancelled);

private:
    using Work = std::function<void(const std::shared_ptr<std::atomic<bool>> &cancel, quint64 generation)>;
    void start(Work work);
    void finish(TraceDocumentPtr document, quint64 generation);
    void deliver(quint64 generation, std::function<void()> signal);
    void finishThread();

    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_generation = 0;
};

} // namespace Workbench::Viewer

Q_DECLARE_METATYPE(Workbench::Viewer::TraceDocumentPtr)
