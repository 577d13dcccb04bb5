#include "core/traces/tracevalidator.h"

#include "core/agentapi/agentrules.h"
#include "core/json/jsontext.h"
#include "core/traces/spanjson.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Workbench::Traces {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Workbench::Traces::TraceValidator", text);
}

using Field = SpanStore::Field;
using Flag = SpanStore::Flag;
using Extra = SpanStore::Extra;
using JsonText::Kind;

// Whether a number's text is a whole number, as the agent reads it (1.5e12 is one).
bool isWholeNumber(QByteArrayView text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok && std::isfinite(value) && std::floor(value) == value && std::abs(value) < 9.2e18;
}

// "span 8165b19a37094800 ([0])", or "span [3]" for a span without an id: how messages name a span.
QString spanName(const SpanStore &store, qsizetype i)
{
    const QString id = store.spanIdText(i);
    return id.isEmpty() ? tr("span [%1]").arg(i) : tr("span %1 ([%2])").arg(id).arg(i);
}

class SpanChecker
{
public:
    SpanChecker(const SpanStore &store, const TraceGraph &graph, const ValidationOptions &options,
                ValidationReport &report)
        : m_store(store)
        , m_pool(store.strings())
        , m_graph(graph)
        , m_options(options)
        , m_report(report)
    {
    }

    void check(qsizetype i)
    {
        m_index = i;
        const SpanStore::Record &r = m_store.record(i);
        m_record = &r;
        if (r.extraCount > 0)
            leftovers();
        required(Field::SpanId, Flag::HasSpanId);
        required(Field::TraceId, Flag::HasTraceId);
        required(Field::Name, Flag::HasName);
        required(Field::Timestamp, Flag::HasTimestamp);
        required(Field::Duration, Flag::HasDuration);

        if (r.has(Flag::HasTimestamp)
            && (r.timestamp < TraceValidator::EarliestTimestamp || r.timestamp > TraceValidator::LatestTimestamp)) {
            QString hint;
            if (r.timestamp >= 946684800 && r.timestamp < 4102444800)
                hint = tr(" It looks like seconds; the agent wants milliseconds.");
            else if (r.timestamp >= 946684800000000 && r.timestamp < 4102444800000000000)
                hint = tr(" It looks like micro- or nanoseconds; the agent wants milliseconds.");
            error(u"implausible-timestamp"_s,
                  tr("%1 has timestamp %2, which is not a time between 2000 and 2100 in milliseconds since the "
                     "epoch.%3")
                      .arg(named())
                      .arg(r.timestamp)
                      .arg(hint));
        }
        if (r.has(Flag::HasDuration) && r.duration < 0)
            error(u"negative-duration"_s, tr("%1 has a negative duration (%2 ms).").arg(named()).arg(r.duration));
        if (r.has(Flag::HasType) && r.type == SpanType::Unknown) {
            const Extra *e = m_store.extra(i, Field::Type);
            error(u"bad-type"_s,
                  tr("%1 has type \"%2\"; it must be ENTRY, EXIT, INTERMEDIATE or EUM.")
                      .arg(named(), e ? m_pool.text(e->value) : QString()));
        }
        if (r.has(Flag::HasBackendTrace) && r.type != SpanType::Eum)
            warning(u"backend-trace-not-eum"_s,
                    tr("%1 has a backendTrace but is of type %2; only EUM spans link to a backend trace.")
                        .arg(named(), spanTypeName(r.type)));
        for (const SpanStore::DataEntry &entry : m_store.data(i)) {
            if (entry.raw) {
                const Kind kind = JsonText::kindOf(m_pool.view(entry.value));
                warning(u"data-not-string"_s,
                        tr("%1: data.%2 is %3 (%4); data values should be strings.")
                            .arg(named(), m_pool.text(entry.key), JsonText::kindName(kind),
                                 elided(m_pool.text(entry.value))));
            }
        }
        hierarchy(i, r);
        size(i);
    }

    qsizetype compactBytes() const { return m_totalBytes; }

private:
    QString named() const { return spanName(m_store, m_index); }

    static QString elided(const QString &text) { return text.size() > 60 ? text.left(57) + u"..."_s : text; }

    void add(Finding::Severity severity, const QString &rule, const QString &message)
    {
        m_report.add(Finding{severity, rule, message, m_store.spanIdText(m_index), int(m_index)},
                     m_options.maxFindings);
    }
    void error(const QString &rule, const QString &message) { add(Finding::Severity::Error, rule, message); }
    void warning(const QString &rule, const QString &message) { add(Finding::Severity::Warning, rule, message); }

    void required(Field field, Flag flag)
    {
        if (m_record->has(flag) || m_store.extra(m_index, field))
            return;
        error(u"missing-field"_s, tr("%1 has no %2.").arg(named(), SpanStore::fieldName(field)));
    }

    void leftovers()
    {
        for (const Extra &e : m_store.extras(m_index)) {
            const QString key = m_pool.text(e.key);
            const QByteArrayView value = m_pool.view(e.value);
            switch (e.kind) {
            case Extra::Kind::Unknown:
                warning(u"unknown-field"_s,
                        tr("%1: %2 is not a span field; the agent ignores it.").arg(named(), elided(key)));
                break;
            case Extra::Kind::Text:
                if (e.field != Field::Type)
                    warning(u"id-length"_s,
                            tr("%1: %2 \"%3\" is not written as 16 hex digits; Instana's ids are 64-bit values "
                               "like b0789916ff8f319f.")
                                .arg(named(), key, elided(m_pool.text(e.value))));
                break;
            case Extra::Kind::Raw:
                raw(e.field, key, value);
                break;
            }
        }
    }

    void raw(Field field, const QString &key, QByteArrayView value)
    {
        const Kind kind = JsonText::kindOf(value);
        switch (field) {
        case Field::SpanId:
        case Field::ParentId:
        case Field::TraceId:
        case Field::BackendTrace:
            if (kind == Kind::String)
                error(u"bad-id"_s,
                      tr("%1: %2 is \"%3\", which is no 64-bit hex id (1 to 16 hex digits).")
                          .arg(named(), key, elided(JsonText::decodedString(value))));
            else
                error(u"wrong-type"_s,
                      tr("%1: %2 must be a hex string, not %3.").arg(named(), key, JsonText::kindName(kind)));
            return;
        case Field::Timestamp:
        case Field::Duration:
            if (kind == Kind::Number && isWholeNumber(value))
                warning(u"number-format"_s,
                        tr("%1: %2 is written as %3; write it as a plain whole number.")
                            .arg(named(), key, QString::fromLatin1(value)));
            else
                error(u"wrong-type"_s,
                      tr("%1: %2 must be a whole number of milliseconds, not %3.")
                          .arg(named(), key,
                               kind == Kind::Number ? QString::fromLatin1(value) : JsonText::kindName(kind)));
            return;
        case Field::Error:
            error(u"wrong-type"_s,
                  tr("%1: error must be true or false, not %2.").arg(named(), JsonText::kindName(kind)));
            return;
        case Field::Data:
            error(u"wrong-type"_s,
                  tr("%1: data must be an object of string values, not %2.").arg(named(), JsonText::kindName(kind)));
            return;
        case Field::Name:
        case Field::Type:
        case Field::Unknown:
            error(u"wrong-type"_s, tr("%1: %2 must be a string, not %3.").arg(named(), key, JsonText::kindName(kind)));
            return;
        }
    }

    void hierarchy(qsizetype i, const SpanStore::Record &r)
    {
        switch (m_graph.link(i)) {
        case TraceGraph::Link::Root:
            return;
        case TraceGraph::Link::MissingParent:
            if (r.has(Flag::HasParentId))
                error(u"missing-parent"_s,
                      tr("%1 names parent %2, but no span has that spanId.").arg(named(), parentText(i)));
            return;
        case TraceGraph::Link::Cycle:
            // Reported once per cycle, by the caller.
            return;
        case TraceGraph::Link::OtherTrace:
            error(u"parent-in-other-trace"_s,
                  tr("%1 has traceId %2, but its parent %3 belongs to trace %4; a trace's spans share one "
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
                    tr("%1 is an %2 under the %3 %4; after an ENTRY, child spans are INTERMEDIATE "
                       "or EXIT (a call to another service is an EXIT followed by an ENTRY).")
                        .arg(named(), spanTypeName(type), spanTypeName(parentType), parentText(i)));
        } else if (parentType == SpanType::Exit && type != SpanType::Entry && type != SpanType::Unknown) {
            warning(u"hierarchy"_s,
                    tr("%1 is an %2 under the EXIT %3; after an EXIT an ENTRY should follow (the called service).")
                        .arg(named(), spanTypeName(type), parentText(i)));
        }
        if (r.has(Flag::HasTimestamp) && parent.has(Flag::HasTimestamp) && r.has(Flag::HasDuration)
            && parent.has(Flag::HasDuration)) {
            if (r.timestamp < parent.timestamp)
                warning(u"outside-parent"_s,
                        tr("%1 starts %2 ms before its parent %3.")
                            .arg(named())
                            .arg(parent.timestamp - r.timestamp)
                            .arg(parentText(i)));
            else if (r.end() > parent.end())
                warning(u"outside-parent"_s,
                        tr("%1 ends %2 ms after its parent %3.")
                            .arg(named())
                            .arg(r.end() - parent.end())
                            .arg(parentText(i)));
        }
    }

    QString parentText(qsizetype i) const { return m_store.idText(i, Field::ParentId); }

    QString traceText(qsizetype i) const
    {
        const QString text = m_store.idText(i, Field::TraceId);
        return text.isNull() ? tr("(none)") : text;
    }

    void size(qsizetype i)
    {
        const qsizetype bytes = SpanJson::compactSize(m_store, i);
        m_totalBytes += bytes;
        if (bytes > AgentRules::MaxSpanBytes)
            error(u"span-too-large"_s,
                  tr("%1 is %2 bytes of JSON; a span must not exceed %3 bytes (4 KiB).")
                      .arg(named())
                      .arg(bytes)
                      .arg(AgentRules::MaxSpanBytes));
    }

    const SpanStore &m_store;
    const StringPool &m_pool;
    const TraceGraph &m_graph;
    const ValidationOptions &m_options;
    ValidationReport &m_report;
    qsizetype m_index = 0;
    const SpanStore::Record *m_record = nullptr;
    qsizetype m_totalBytes = 0;
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
            report.add(
                Finding{Finding::Severity::Error, u"duplicate-span-id"_s,
                        tr("%1 repeats the spanId of span [%2]; spanIds must be unique.").arg(named(i)).arg(first),
                        store.spanIdText(i), int(i)},
                options.maxFindings);
        }
        if (marks[size_t(i)] & 2 && graph.link(i) == TraceGraph::Link::Cycle)
            report.add(
                Finding{Finding::Severity::Error, u"cycle"_s,
                        tr("%1 is its own ancestor: following parentIds from it comes back to it.").arg(named(i)),
                        store.spanIdText(i), int(i)},
                options.maxFindings);
    }
    for (const TraceGraph::Trace &trace : graph.traces()) {
        const QString id = trace.hasTraceId ? SpanIds::format(trace.traceId) : tr("(no traceId)");
        if (trace.roots.empty()) {
            report.add(
                Finding{Finding::Severity::Error, u"no-root"_s,
                        tr("Trace %1 (%2 spans) has no root span: every span has a parentId.").arg(id).arg(trace.spans),
                        QString(), -1},
                options.maxFindings);
        }
        for (size_t k = 1; k < trace.roots.size(); ++k) {
            const qint32 root = trace.roots[k];
            report.add(Finding{Finding::Severity::Error, u"several-roots"_s,
                               tr("%1 is another root of trace %2, whose root is span [%3]; a trace has exactly one "
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
                               tr("%1 spans are more than the %2 the agent takes in one request; send them in several "
                                  "(iwb trace send does).")
                                   .arg(store.size())
                                   .arg(AgentRules::MaxSpansPerRequest),
                               QString(), -1},
                       options.maxFindings);
        const qsizetype requestBytes = checker.compactBytes() + store.size() + 1; // commas and brackets
        if (requestBytes > AgentRules::MaxRequestBytes)
            report.add(Finding{Finding::Severity::Warning, u"request-too-large"_s,
                               tr("As one request the spans are %1 bytes of JSON, more than the agent's limit of %2 "
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
