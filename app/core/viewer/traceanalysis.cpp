#include "core/viewer/traceanalysis.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;
using namespace Workbench::Traces;

namespace Workbench::Viewer::TraceAnalysis {

std::vector<qint64> selfTimes(const SpanStore &store, const TraceGraph &graph)
{
    std::vector<qint64> self(size_t(store.size()), 0);
    for (qsizetype i = 0; i < store.size(); ++i) {
        const SpanStore::Record &r = store.record(i);
        const qint64 start = r.timestamp;
        const qint64 end = r.end();
        qint64 covered = 0;
        qint64 runStart = 0;
        qint64 runEnd = std::numeric_limits<qint64>::min();
        // Children come sorted by start: merge their intervals, clipped to the span.
        for (const qint32 child : graph.children(i)) {
            const SpanStore::Record &c = store.record(child);
            const qint64 cs = std::max(c.timestamp, start);
            const qint64 ce = std::min(c.end(), end);
            if (ce <= cs)
                continue;
            if (cs > runEnd) {
                if (runEnd > runStart)
                    covered += runEnd - runStart;
                runStart = cs;
                runEnd = ce;
            } else {
                runEnd = std::max(runEnd, ce);
            }
        }
        if (runEnd > runStart)
            covered += runEnd - runStart;
        self[size_t(i)] = std::max<qint64>(0, r.duration - covered);
    }
    return self;
}

std::vector<qint32> criticalPath(const SpanStore &store, const TraceGraph &graph, qint32 root)
{
    std::vector<qint32> path;
    if (root < 0 || root >= store.size())
        return path;
    // (span, the point in time before which its part of the path ends)
    std::vector<std::pair<qint32, qint64>> stack{{root, store.record(root).end()}};
    std::vector<qint32> byEnd;
    while (!stack.empty()) {
        const auto [span, until] = stack.back();
        stack.pop_back();
        path.push_back(span);
        const auto children = graph.children(span);
        byEnd.assign(children.begin(), children.end());
        std::sort(byEnd.begin(), byEnd.end(),
                  [&store](qint32 a, qint32 b) { return store.record(a).end() > store.record(b).end(); });
        // Followed from the span's end backwards: the child ending last, then the one ending
        // last before that child began, and so on.
        qint64 cursor = std::min(until, store.record(span).end());
        std::vector<std::pair<qint32, qint64>> next;
        for (const qint32 child : byEnd) {
            const SpanStore::Record &c = store.record(child);
            if (c.timestamp >= cursor)
                continue;
            next.emplace_back(child, cursor);
            cursor = c.timestamp;
        }
        // Visit the latest child first (it is the most recent part of the path).
        for (auto it = next.rbegin(); it != next.rend(); ++it)
            stack.push_back(*it);
    }
    return path;
}

QString serviceOf(const SpanStore &store, qsizetype span)
{
    return store.dataValue(span, "service");
}

std::vector<Group> groups(const SpanStore &store, const std::vector<qint64> &selfTimes, GroupBy by,
                          const std::vector<qint32> &spans)
{
    const StringPool &pool = store.strings();
    const qint64 serviceKey = pool.find(QByteArrayView("service"));
    // Keyed by string id; -1 for "none".
    QHash<qint64, Group> byKey;
    auto add = [&](qsizetype i) {
        const SpanStore::Record &r = store.record(i);
        qint64 key = -1;
        if (by == GroupBy::Name) {
            key = r.has(SpanStore::HasName) ? qint64(r.name) : -1;
        } else if (serviceKey >= 0) {
            for (const SpanStore::DataEntry &entry : store.data(i)) {
                if (qint64(entry.key) == serviceKey && !entry.raw) {
                    key = entry.value;
                    break;
                }
            }
        }
        Group &group = byKey[key];
        ++group.spans;
        if (r.has(SpanStore::ErrorValue))
            ++group.errors;
        group.totalMs += r.duration;
        group.selfMs += selfTimes[size_t(i)];
        group.maxMs = std::max(group.maxMs, r.duration);
    };
    if (spans.empty()) {
        for (qsizetype i = 0; i < store.size(); ++i)
            add(i);
    } else {
        for (const qint32 i : spans)
            add(i);
    }
    std::vector<Group> list;
    list.reserve(size_t(byKey.size()));
    for (auto it = byKey.begin(); it != byKey.end(); ++it) {
        Group group = it.value();
        group.key = it.key() >= 0
            ? pool.text(StringPool::Id(it.key()))
            : (by == GroupBy::Service ? QCoreApplication::translate("Workbench::Viewer::TraceAnalysis", "(no service)")
                                      : QCoreApplication::translate("Workbench::Viewer::TraceAnalysis", "(no name)"));
        list.push_back(std::move(group));
    }
    std::sort(list.begin(), list.end(), [](const Group &a, const Group &b) {
        return a.selfMs != b.selfMs ? a.selfMs > b.selfMs : a.key < b.key;
    });
    return list;
}

} // namespace Workbench::Viewer::TraceAnalysis
