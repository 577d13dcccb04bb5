#include "core/traces/tracevalidator.h"

#include "core/agentapi/agentrules.h"
#include "core/traces/spanjson.h"
#include "core/traces/spanrules.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Workbench::Traces {

namespace {

// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Traces::TraceValidator)
};

using Field = SpanStore::Field;
using Flag = SpanStore::Flag;

// How messages name a span; the per-span rules name it the same way.
QString spanName(const SpanStore &store, qsizetype i)
{
    return SpanRules::spanName(store, i, i);
}

class SpanChecker
{
public:
    SpanChecker(const SpanStore &store, const TraceGraph &graph, const ValidationOptions &options,
                ValidationReport &report)
        : m_store(store)
        , m_graph(graph)
        , m_options(options)
        , m_report(report)
    {
    }

    void check(qsizetype i)
    {
        m_index = i;
        const qsizetype bytes = SpanJson::compactSize(m_store, i);
        m_totalBytes += bytes;
        m_spanFindings.clear();
        SpanRules::check(m_store, i, i, bytes, m_spanFindings);
        for (Finding &finding : m_spanFindings)
            m_report.add(std::move(finding), m_options.maxFindings);
        hierarchy(i, m_store.record(i));
    }

    qsizetype compactBytes() const { return m_totalBytes; }

private:
    QString named() const { return spanName(m_store, m_index); }

    void add(Finding::Severity severity, const QString &rule, const QString &message)
    {
        m_report.add(Finding{severity, rule, message, m_store.spanIdText(m_index), int(m_index)},
                     m_options.maxFindings);
    }
    void error(const QString &rule, const QString &message) { add(Finding::Severity::Error, rule, message); }
    void warning(const QString &rule, const QString &message) { add(Finding::Severity::Warning, rule, message); }

    void hierarchy(qsizetype i, const SpanStore::Record &r)
    {
        switch (m_graph.link(i)) {
        case TraceGraph::Link::Root:
            return;
        case TraceGraph::Link::MissingParent:
            if (r.has(Flag::HasParentId))
                error(u"missing-parent"_s,
                      Messages::tr("%1 names parent %2, but no span has that spanId.").arg(named(), parentText(i)));
            return;
        case TraceGraph::Link::Cycle:
            // Reported once per cycle, by the caller.
            return;
        case TraceGraph::Link::OtherTrace:
            error(u"parent-in-other-trace"_s,
                  Messages::tr("%1 has traceId %2, but its parent %3 belongs to trace %4; a trace's spans share one "
                               "traceId.")
                      .arg(named(), traceText(i), parentText(i), traceText(m_graph.parent(i))));
            break;
        case TraceGraph::Link::Child:
            break;
        }
        const qint32 p = m_graph.parent(i);
        const SpanStore::Record &parent = m_store.record(p);
        const SpanType type = r.type;
        const SpanType parentType = parent.type;
        if ((parentType == SpanType::Entry || parentType == SpanType::Intermediate)
            && (type == SpanType::Entry || type == SpanType::Eum)) {
            warning(u"hierarchy"_s,
                    Messages::tr("%1 is an %2 under the %3 %4; after an ENTRY, child spans are INTERMEDIATE "
                                 "or EXIT (a call to another service is an EXIT followed by an ENTRY).")
                        .arg(named(), spanTypeName(type), spanTypeName(parentType), parentText(i)));
        } else if (parentType == SpanType::Exit && type != SpanType::Entry && type != SpanType::Unknown) {
            warning(u"hierarchy"_s,
                    Messages::tr(
                        "%1 is an %2 under the EXIT %3; after an EXIT an ENTRY should follow (the called service).")
                        .arg(named(), spanTypeName(type), parentText(i)));
        }
        if (r.has(Flag::HasTimestamp) && parent.has(Flag::HasTimestamp) && r.has(Flag::HasDuration)
            && parent.has(Flag::HasDuration)) {
            if (r.timestamp < parent.timestamp)
                warning(u"outside-parent"_s,
                        Messages::tr("%1 starts %2 ms before its parent %3.")
                            .arg(named())
                            .arg(parent.timestamp - r.timestamp)
                            .arg(parentText(i)));
            else if (r.end() > parent.end())
                warning(u"outside-parent"_s,
                        Messages::tr("%1 ends %2 ms after its parent %3.")
                            .arg(named())
                            .arg(r.end() - parent.end())
                            .arg(parentText(i)));
        }
    }

    QString parentText(qsizetype i) const { return m_store.idText(i, Field::ParentId); }

    QString traceText(qsizetype i) const
    {
        const QString text = m_store.idText(i, Field::TraceId);
        return text.isNull() ? Messages::tr("(none)") : text;
    }

    const SpanStore &m_store;
    const TraceGraph &m_graph;
    const ValidationOptions &m_options;
    ValidationReport &m_report;
    qsizetype m_index = 0;
    qsizetype m_totalBytes = 0;
    Findings m_spanFindings;
};

} // namespace

void ValidationReport::add(Finding finding, qsizetype maxFindings)
{
    if (finding.isError())
        ++errors;
    else
        ++warnings;
    if (findings.size() < maxFindings)
        findings.append(std::move(finding));
    else
        ++omitted;
}

QJsonObject ValidationReport::toJson() const
{
    QJsonArray list;
    for (const Finding &finding : findings) {
        QJsonObject object{{u"severity"_s, Finding::severityName(finding.severity)},
                           {u"rule"_s, finding.rule},
                           {u"spanId"_s, finding.spanId.isEmpty() ? QJsonValue() : QJsonValue(finding.spanId)},
                           {u"message"_s, finding.message}};
        if (finding.index >= 0)
            object.insert(u"index"_s, finding.index);
        list.append(object);
    }
    QJsonObject json{{u"errors"_s, qint64(errors)}, {u"warnings"_s, qint64(warnings)}, {u"findings"_s, list}};
    if (omitted > 0)
        json.insert(u"omitted"_s, qint64(omitted));
    return json;
}

namespace TraceValidator {

ValidationReport validate(const SpanStore &store, const TraceGraph &graph, const ValidationOptions &options)
{
    ValidationReport report;
    SpanChecker checker(store, graph, options, report);
    // Spans repeating an id, and cycles, are found by the graph; they are reported at the
    // span concerned, in span order with the rest.
    std::vector<quint8> marks(size_t(store.size()), 0);
    for (const qint32 i : graph.duplicates())
        marks[size_t(i)] |= 1;
    for (const qint32 i : graph.cycleSpans())
        marks[size_t(i)] |= 2;
    auto named = [&store](qsizetype i) { return spanName(store, i); };
    for (qsizetype i = 0; i < store.size(); ++i) {
        checker.check(i);
        if (marks[size_t(i)] & 1) {
            const qint32 first = graph.indexOf(store.record(i).spanId);
            report.add(Finding{Finding::Severity::Error, u"duplicate-span-id"_s,
                               Messages::tr("%1 repeats the spanId of span [%2]; spanIds must be unique.")
                                   .arg(named(i))
                                   .arg(first),
                               store.spanIdText(i), int(i)},
                       options.maxFindings);
        }
        if (marks[size_t(i)] & 2 && graph.link(i) == TraceGraph::Link::Cycle)
            report.add(
                Finding{
                    Finding::Severity::Error, u"cycle"_s,
                    Messages::tr("%1 is its own ancestor: following parentIds from it comes back to it.").arg(named(i)),
                    store.spanIdText(i), int(i)},
                options.maxFindings);
    }
    for (const TraceGraph::Trace &trace : graph.traces()) {
        const QString id = trace.hasTraceId ? SpanIds::format(trace.traceId) : Messages::tr("(no traceId)");
        if (trace.roots.empty()) {
            report.add(Finding{Finding::Severity::Error, u"no-root"_s,
                               Messages::tr("Trace %1 (%n span(s)) has no root span: every span has a parentId.",
                                            nullptr, int(trace.spans))
                                   .arg(id),
                               QString(), -1},
                       options.maxFindings);
        }
        for (size_t k = 1; k < trace.roots.size(); ++k) {
            const qint32 root = trace.roots[k];
            report.add(
                Finding{Finding::Severity::Error, u"several-roots"_s,
                        Messages::tr("%1 is another root of trace %2, whose root is span [%3]; a trace has exactly one "
                                     "span without parentId.")
                            .arg(named(root), id)
                            .arg(trace.roots.front()),
                        store.spanIdText(root), int(root)},
                options.maxFindings);
        }
    }
    if (options.requestLimits) {
        if (store.size() > AgentRules::MaxSpansPerRequest)
            report.add(Finding{Finding::Severity::Warning, u"too-many-spans"_s,
                               Messages::tr(
                                   "%1 spans are more than the %2 the agent takes in one request; send them in several "
                                   "(iwb trace send does).")
                                   .arg(store.size())
                                   .arg(AgentRules::MaxSpansPerRequest),
                               QString(), -1},
                       options.maxFindings);
        const qsizetype requestBytes = checker.compactBytes() + store.size() + 1; // commas and brackets
        if (requestBytes > AgentRules::MaxRequestBytes)
            report.add(
                Finding{Finding::Severity::Warning, u"request-too-large"_s,
                        Messages::tr("As one request the spans are %1 bytes of JSON, more than the agent's limit of %2 "
                                     "bytes (4 MiB); send them in several (iwb trace send does).")
                            .arg(requestBytes)
                            .arg(AgentRules::MaxRequestBytes),
                        QString(), -1},
                options.maxFindings);
    }
    return report;
}

ValidationReport validate(const SpanStore &store, const ValidationOptions &options)
{
    const TraceGraph graph(store);
    return validate(store, graph, options);
}

} // namespace TraceValidator

} // namespace Workbench::Traces
