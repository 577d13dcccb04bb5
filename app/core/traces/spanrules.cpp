#include "core/traces/spanrules.h"

#include "core/json/jsontext.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Workbench::Traces::SpanRules {

namespace {

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

QString elided(const QString &text)
{
    return text.size() > 60 ? text.left(57) + u"..."_s : text;
}

class Checker
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Traces::SpanRules)

public:
    Checker(const SpanStore &store, qsizetype i, qsizetype position, Findings &out)
        : m_store(store)
        , m_pool(store.strings())
        , m_index(i)
        , m_position(position)
        , m_record(store.record(i))
        , m_out(out)
    {
    }

    static QString name(const SpanStore &store, qsizetype i, qsizetype position)
    {
        const QString id = store.spanIdText(i);
        return id.isEmpty() ? tr("span [%1]").arg(position) : tr("span %1 ([%2])").arg(id).arg(position);
    }

    static Finding notASpan(qsizetype position, const QString &kindName)
    {
        return Finding{Finding::Severity::Error, u"not-a-span"_s,
                       tr("Element [%1] is %2, not a span object.").arg(position).arg(kindName), QString(),
                       int(position)};
    }

    void check(qsizetype bytes)
    {
        const SpanStore::Record &r = m_record;
        if (r.extraCount > 0)
            leftovers();
        required(Field::SpanId, Flag::HasSpanId);
        required(Field::TraceId, Flag::HasTraceId);
        required(Field::Name, Flag::HasName);
        required(Field::Timestamp, Flag::HasTimestamp);
        required(Field::Duration, Flag::HasDuration);

        if (r.has(Flag::HasTimestamp) && r.timestamp < 0) {
            error(u"negative-timestamp"_s, tr("%1 has a negative timestamp (%2 ms).").arg(named()).arg(r.timestamp));
        } else if (r.has(Flag::HasTimestamp) && (r.timestamp < EarliestTimestamp || r.timestamp > LatestTimestamp)) {
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
            const Extra *e = m_store.extra(m_index, Field::Type);
            error(u"bad-type"_s,
                  tr("%1 has type \"%2\"; it must be ENTRY, EXIT, INTERMEDIATE or EUM.")
                      .arg(named(), e ? m_pool.text(e->value) : QString()));
        }
        if (r.has(Flag::HasBackendTrace) && r.type != SpanType::Eum)
            warning(u"backend-trace-not-eum"_s,
                    tr("%1 has a backendTrace but is of type %2; only EUM spans link to a backend trace.")
                        .arg(named(), spanTypeName(r.type)));
        if (r.dataCount > 0) {
            const std::span<const SpanStore::DataEntry> data = m_store.data(m_index);
            // Keys are interned, so a repeated key has the same id; a set only for many keys.
            QSet<StringPool::Id> keys;
            for (size_t n = 0; n < data.size(); ++n) {
                const StringPool::Id key = data[n].key;
                bool again = false;
                if (data.size() <= 32) {
                    again = std::any_of(data.begin(), data.begin() + qsizetype(n),
                                        [key](const SpanStore::DataEntry &before) { return before.key == key; });
                } else {
                    again = keys.contains(key);
                    keys.insert(key);
                }
                if (again)
                    duplicate(u"data."_s + elided(m_pool.text(key)));
            }
            for (const SpanStore::DataEntry &entry : data) {
                if (!entry.raw)
                    continue;
                const Kind kind = JsonText::kindOf(m_pool.view(entry.value));
                warning(u"data-not-string"_s,
                        tr("%1: data.%2 is %3 (%4); data values should be strings.")
                            .arg(named(), m_pool.text(entry.key), JsonText::kindName(kind),
                                 elided(m_pool.text(entry.value))));
            }
        }
        if (auto finding = sizeFinding(bytes, AgentRules::MaxSpanBytes))
            m_out.append(std::move(*finding));
    }

    std::optional<Finding> sizeFinding(qsizetype bytes, qsizetype maxBytes) const
    {
        if (bytes <= maxBytes)
            return std::nullopt;
        return make(Finding::Severity::Error, u"span-too-large"_s,
                    tr("%1 is %2 bytes of JSON; a span must not exceed %3 bytes (%4 KiB).")
                        .arg(named())
                        .arg(bytes)
                        .arg(maxBytes)
                        .arg(double(maxBytes) / 1024.0));
    }

private:
    QString named() const { return name(m_store, m_index, m_position); }

    Finding make(Finding::Severity severity, const QString &rule, const QString &message) const
    {
        return Finding{severity, rule, message, m_store.spanIdText(m_index), int(m_position)};
    }
    void error(const QString &rule, const QString &message)
    {
        m_out.append(make(Finding::Severity::Error, rule, message));
    }
    void warning(const QString &rule, const QString &message)
    {
        m_out.append(make(Finding::Severity::Warning, rule, message));
    }
    // The agent's behaviour for a repeated key is unspecified; the shared rule and wording.
    void duplicate(const QString &key)
    {
        m_out.append(AgentRules::duplicateKey(named(), key, int(m_position), Finding::Severity::Error,
                                              m_store.spanIdText(m_index)));
    }

    void required(Field field, Flag flag)
    {
        if (m_record.has(flag) || (m_record.extraCount > 0 && m_store.extra(m_index, field)))
            return;
        error(u"missing-field"_s, tr("%1 has no %2.").arg(named(), SpanStore::fieldName(field)));
    }

    void leftovers()
    {
        const std::span<const Extra> extras = m_store.extras(m_index);
        for (size_t n = 0; n < extras.size(); ++n) {
            const Extra &e = extras[n];
            const QString key = m_pool.text(e.key);
            const QByteArrayView value = m_pool.view(e.value);
            switch (e.kind) {
            case Extra::Kind::Unknown: {
                // The reader keeps a field written again as an unknown one.
                const bool again = SpanStore::fieldFromName(m_pool.view(e.key)) != Field::Unknown
                    || std::any_of(extras.begin(), extras.begin() + qsizetype(n), [&e](const Extra &before) {
                                       return before.kind == Extra::Kind::Unknown && before.key == e.key;
                                   });
                if (again)
                    duplicate(elided(key));
                else
                    warning(u"unknown-field"_s,
                            tr("%1: %2 is not a span field; the agent ignores it.").arg(named(), elided(key)));
                break;
            }
            case Extra::Kind::Text:
                if (e.field == Field::Timestamp || e.field == Field::Duration)
                    warning(u"number-format"_s,
                            tr("%1: %2 is written as %3; write it as a plain whole number.")
                                .arg(named(), key, QString::fromLatin1(value)));
                else if (e.field != Field::Type)
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

    const SpanStore &m_store;
    const StringPool &m_pool;
    qsizetype m_index;
    qsizetype m_position;
    const SpanStore::Record &m_record;
    Findings &m_out;
};

} // namespace

QString spanName(const SpanStore &store, qsizetype i, qsizetype position)
{
    return Checker::name(store, i, position);
}

void check(const SpanStore &store, qsizetype i, qsizetype position, qsizetype bytes, Findings &out)
{
    Checker(store, i, position, out).check(bytes);
}

std::optional<Finding> sizeFinding(const SpanStore &store, qsizetype i, qsizetype position, qsizetype bytes,
                                   qsizetype maxBytes)
{
    if (bytes <= maxBytes)
        return std::nullopt;
    Findings unused;
    return Checker(store, i, position, unused).sizeFinding(bytes, maxBytes);
}

Finding notASpan(qsizetype position, const QString &kindName)
{
    return Checker::notASpan(position, kindName);
}

QStringList perSpanRules()
{
    return {u"wrong-type"_s,      u"missing-field"_s,      u"not-a-span"_s,        u"bad-id"_s,
            u"bad-type"_s,        u"negative-timestamp"_s, u"negative-duration"_s, u"implausible-timestamp"_s,
            u"span-too-large"_s,  u"id-length"_s,          u"number-format"_s,     u"backend-trace-not-eum"_s,
            u"data-not-string"_s, u"unknown-field"_s,      u"duplicate-key"_s};
}

bool isRefusedByAgent(QStringView rule)
{
    // What the host agent cannot take: a span it cannot read as its format, or over its limit.
    // An implausible timestamp or an id that is no hex id is read and stored as sent.
    static const QStringList refused{u"wrong-type"_s,         u"missing-field"_s,     u"not-a-span"_s,    u"bad-type"_s,
                                     u"negative-timestamp"_s, u"negative-duration"_s, u"span-too-large"_s};
    return refused.contains(rule);
}

QStringList crossSpanRules()
{
    return {u"duplicate-span-id"_s, u"missing-parent"_s, u"parent-in-other-trace"_s, u"cycle"_s, u"no-root"_s,
            u"several-roots"_s,     u"hierarchy"_s,      u"outside-parent"_s};
}

} // namespace Workbench::Traces::SpanRules
