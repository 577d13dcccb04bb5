#include "core/viewer/tracedocument.h"

#include "core/traces/spanjson.h"
#include "core/viewer/traceanalysis.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QThread>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace Workbench::Traces;

namespace Workbench::Viewer {

std::shared_ptr<TraceDocument> TraceDocument::build(SpanStore store, const QString &source,
                                                    const std::atomic<bool> *cancel)
{
    std::shared_ptr<TraceDocument> document(new TraceDocument);
    document->m_store = std::move(store);
    document->m_source = source;
    document->m_graph = TraceGraph(document->m_store);
    if (cancel && cancel->load())
        return nullptr;
    ValidationOptions options;
    options.requestLimits = false;
    document->m_report = TraceValidator::validate(document->m_store, document->m_graph, options);
    if (cancel && cancel->load())
        return nullptr;
    document->m_selfTimes = TraceAnalysis::selfTimes(document->m_store, document->m_graph);
    const Findings &findings = document->m_report.findings;
    for (qsizetype k = 0; k < findings.size(); ++k) {
        if (findings[k].index >= 0)
            document->m_findingIndex.emplace_back(findings[k].index, qint32(k));
    }
    std::sort(document->m_findingIndex.begin(), document->m_findingIndex.end());
    return document;
}

Findings TraceDocument::findingsFor(qint32 span) const
{
    Findings list;
    auto it = std::lower_bound(m_findingIndex.begin(), m_findingIndex.end(), std::pair<qint32, qint32>(span, -1));
    for (; it != m_findingIndex.end() && it->first == span; ++it)
        list.append(m_report.findings[it->second]);
    return list;
}

bool TraceDocument::hasErrorFinding(qint32 span) const
{
    auto it = std::lower_bound(m_findingIndex.begin(), m_findingIndex.end(), std::pair<qint32, qint32>(span, -1));
    for (; it != m_findingIndex.end() && it->first == span; ++it) {
        if (m_report.findings[it->second].isError())
            return true;
    }
    return false;
}

qsizetype TraceDocument::memoryUsed() const
{
    return m_store.memoryUsed() + m_graph.memoryUsed() + qsizetype(m_selfTimes.capacity() * sizeof(qint64))
        + qsizetype(m_findingIndex.capacity() * sizeof(std::pair<qint32, qint32>));
}

TraceLoader::TraceLoader(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<TraceDocumentPtr>();
}

TraceLoader::~TraceLoader()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void TraceLoader::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void TraceLoader::loadFile(const QString &path)
{
    start([this, path](const std::shared_ptr<std::atomic<bool>> &cancel, quint64 generation) {
        SpanStore store;
        int lastPercent = -1;
        const ReadResult result = SpanJson::readFile(path, store, [&](qsizetype done, qsizetype total) {
            const int percent = total > 0 ? int(done * 80 / total) : 0;
            if (percent != lastPercent) {
                lastPercent = percent;
                deliver(generation, [this, percent] { Q_EMIT progress(percent, tr("Reading")); });
            }
            return !cancel->load();
        });
        if (!result.ok()) {
            const bool cancelled = result.cancelled;
            const QString message
                = cancelled ? tr("Opening was cancelled.") : result.errorText(QFileInfo(path).fileName());
            deliver(generation, [this, message, cancelled] { Q_EMIT failed(message, cancelled); });
            return;
        }
        deliver(generation, [this] { Q_EMIT progress(85, tr("Checking")); });
        finish(TraceDocument::build(std::move(store), path, cancel.get()), generation);
    });
}

void TraceLoader::loadStore(SpanStore store, const QString &source)
{
    auto shared = std::make_shared<SpanStore>(std::move(store));
    start([this, shared, source](const std::shared_ptr<std::atomic<bool>> &cancel, quint64 generation) {
        finish(TraceDocument::build(std::move(*shared), source, cancel.get()), generation);
    });
}

void TraceLoader::finish(TraceDocumentPtr document, quint64 generation)
{
    deliver(generation, [this, document] {
        if (document)
            Q_EMIT loaded(document);
        else
            Q_EMIT failed(tr("Opening was cancelled."), true);
    });
}

void TraceLoader::deliver(quint64 generation, std::function<void()> signal)
{
    // Runs on this object's thread, and only if no newer load has started meanwhile.
    QMetaObject::invokeMethod(this, [this, generation, signal = std::move(signal)] {
        if (generation == m_generation)
            signal();
    });
}

void TraceLoader::start(Work work)
{
    cancel();
    if (m_thread) {
        // The old load stops soon after it sees the flag; what it still reports is ignored.
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    const quint64 generation = ++m_generation;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_thread = QThread::create([work = std::move(work), cancel = m_cancel, generation] { work(cancel, generation); });
    connect(m_thread, &QThread::finished, this, &TraceLoader::finishThread);
    m_thread->start();
}

void TraceLoader::finishThread()
{
    if (m_thread && m_thread->isFinished()) {
        m_thread->deleteLater();
        m_thread = nullptr;
    }
}

} // namespace Workbench::Viewer
