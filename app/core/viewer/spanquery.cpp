#include "core/viewer/spanquery.h"

#include <QCoreApplication>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace Workbench::Traces;

namespace Workbench::Viewer {

namespace {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Viewer::SpanQuery)
};
} // namespace

// Splits on spaces, keeping "quoted phrases" together (quotes removed).
QStringList words(const QString &text, QString *error)
{
    QStringList list;
    QString current;
    bool quoted = false;
    bool any = false;
    for (const QChar c : text) {
        if (c == u'"') {
            quoted = !quoted;
            any = true;
            continue;
        }
        if (c.isSpace() && !quoted) {
            if (any)
                list.append(current);
            current.clear();
            any = false;
            continue;
        }
        current.append(c);
        any = true;
    }
    if (quoted && error)
        *error = Messages::tr("a quote is not closed");
    if (any)
        list.append(current);
    return list;
}

std::optional<qint64> durationMs(QStringView text)
{
    double factor = 1;
    if (text.endsWith(u"ms"))
        text.chop(2);
    else if (text.endsWith(u's'))
        text.chop(1), factor = 1000;
    else if (text.endsWith(u'm'))
        text.chop(1), factor = 60000;
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return qint64(std::llround(value * factor));
}

bool containsFolded(QByteArrayView haystack, const QByteArray &needleLower)
{
    // ASCII fast path; anything else goes through QString's case folding.
    bool ascii = true;
    for (const char c : haystack) {
        if (quint8(c) >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii) {
        const qsizetype n = needleLower.size();
        if (n == 0)
            return true;
        for (qsizetype i = 0; i + n <= haystack.size(); ++i) {
            qsizetype k = 0;
            while (k < n) {
                char c = haystack[i + k];
                if (c >= 'A' && c <= 'Z')
                    c = char(c - 'A' + 'a');
                if (c != needleLower[k])
                    break;
                ++k;
            }
            if (k == n)
                return true;
        }
        return false;
    }
    return QString::fromUtf8(haystack).contains(QString::fromUtf8(needleLower), Qt::CaseInsensitive);
}

} // namespace

struct SpanQuery::Prepared
{
    // Per term: for Text and Contains, whether each string of the pool matches; for Equals, the
    // ids of key and value (-1 when the store has none).
    std::vector<std::vector<bool>> strings;
    std::vector<qint64> keyIds;
    std::vector<qint64> valueIds;
    qint64 serviceKey = -1;
};

std::optional<SpanQuery> SpanQuery::parse(const QString &text, QString *error)
{
    QString problem;
    const QStringList list = words(text, &problem);
    SpanQuery query;
    for (const QString &word : list) {
        if (!problem.isEmpty())
            break;
        Term term;
        const QString lower = word.toLower();
        if (lower == u"error"_s || lower == u"error=true"_s) {
            term.kind = Term::Kind::Error;
            term.number = 1;
        } else if (lower == u"error=false"_s) {
            term.kind = Term::Kind::Error;
            term.number = 0;
        } else if (lower.startsWith(u"duration") && lower.size() > 8 && (lower[8] == u'>' || lower[8] == u'<')) {
            const bool above = lower[8] == u'>';
            const bool orEqual = lower.size() > 9 && lower[9] == u'=';
            const auto ms = durationMs(QStringView(lower).sliced(orEqual ? 10 : 9));
            if (!ms) {
                problem
                    = Messages::tr("\"%1\": after duration> or duration< comes a time such as 250, 250ms, 1.5s or 2m")
                          .arg(word);
                break;
            }
            term.kind = above ? (orEqual ? Term::Kind::DurationAtLeast : Term::Kind::DurationAbove)
                              : (orEqual ? Term::Kind::DurationAtMost : Term::Kind::DurationBelow);
            term.number = *ms;
        } else if (const qsizetype at = word.indexOf(u'='); at > 0) {
            term.kind = Term::Kind::Equals;
            term.key = word.left(at).toUtf8();
            term.value = word.mid(at + 1).toUtf8();
        } else if (const qsizetype tilde = word.indexOf(u'~'); tilde > 0) {
            term.kind = Term::Kind::Contains;
            term.key = word.left(tilde).toUtf8();
            term.value = word.mid(tilde + 1).toLower().toUtf8();
        } else {
            term.kind = Term::Kind::Text;
            term.value = lower.toUtf8();
        }
        query.m_terms.push_back(std::move(term));
    }
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    return query;
}

bool SpanQuery::matches(const SpanStore &store, qsizetype span) const
{
    for (size_t t = 0; t < m_terms.size(); ++t) {
        if (!termMatches(m_terms[t], store, span, nullptr, t))
            return false;
    }
    return true;
}

std::vector<bool> SpanQuery::matchAll(const SpanStore &store) const
{
    const auto n = size_t(store.size());
    if (m_terms.empty())
        return std::vector<bool>(n, true);
    const StringPool &pool = store.strings();
    Prepared prepared;
    prepared.strings.resize(m_terms.size());
    prepared.keyIds.assign(m_terms.size(), -1);
    prepared.valueIds.assign(m_terms.size(), -1);
    prepared.serviceKey = pool.find(QByteArrayView("service"));
    for (size_t t = 0; t < m_terms.size(); ++t) {
        const Term &term = m_terms[t];
        if (term.kind == Term::Kind::Text || term.kind == Term::Kind::Contains) {
            std::vector<bool> &hits = prepared.strings[t];
            hits.resize(size_t(pool.count()));
            for (qsizetype id = 0; id < pool.count(); ++id)
                hits[size_t(id)] = containsFolded(pool.view(StringPool::Id(id)), term.value);
        }
        if (term.kind == Term::Kind::Equals || term.kind == Term::Kind::Contains) {
            prepared.keyIds[t] = pool.find(term.key);
            prepared.valueIds[t] = pool.find(term.value);
        }
    }
    std::vector<bool> result(n, false);
    for (size_t i = 0; i < n; ++i) {
        bool all = true;
        for (size_t t = 0; t < m_terms.size() && all; ++t)
            all = termMatches(m_terms[t], store, qsizetype(i), &prepared, t);
        result[i] = all;
    }
    return result;
}

bool SpanQuery::termMatches(const Term &term, const SpanStore &store, qsizetype span, const Prepared *prepared,
                            size_t t) const
{
    const StringPool &pool = store.strings();
    const SpanStore::Record &r = store.record(span);
    auto stringHit = [&](StringPool::Id id) {
        return prepared ? bool(prepared->strings[t][id]) : containsFolded(pool.view(id), term.value);
    };
    auto idOf = [&](SpanStore::Field field, SpanStore::Flag flag, quint64 value) -> QByteArray {
        if (const SpanStore::Extra *e = store.extra(span, field))
            return pool.view(e->value).toByteArray();
        return r.has(flag) ? SpanIds::formatLatin1(value) : QByteArray();
    };

    switch (term.kind) {
    case Term::Kind::Error:
        return r.has(SpanStore::ErrorValue) == (term.number == 1);
    case Term::Kind::DurationAbove:
        return r.has(SpanStore::HasDuration) && r.duration > term.number;
    case Term::Kind::DurationAtLeast:
        return r.has(SpanStore::HasDuration) && r.duration >= term.number;
    case Term::Kind::DurationBelow:
        return r.has(SpanStore::HasDuration) && r.duration < term.number;
    case Term::Kind::DurationAtMost:
        return r.has(SpanStore::HasDuration) && r.duration <= term.number;
    case Term::Kind::Text: {
        if (r.has(SpanStore::HasName) && stringHit(r.name))
            return true;
        for (const SpanStore::DataEntry &entry : store.data(span)) {
            if (stringHit(entry.value))
                return true;
        }
        return containsFolded(idOf(SpanStore::Field::SpanId, SpanStore::HasSpanId, r.spanId), term.value)
            || containsFolded(idOf(SpanStore::Field::TraceId, SpanStore::HasTraceId, r.traceId), term.value);
    }
    case Term::Kind::Equals:
    case Term::Kind::Contains: {
        const bool equals = term.kind == Term::Kind::Equals;
        auto textMatches
            = [&](QByteArrayView text) { return equals ? text == term.value : containsFolded(text, term.value); };
        const QByteArrayView key = term.key;
        if (key == "name")
            return r.has(SpanStore::HasName) && (equals ? pool.view(r.name) == term.value : stringHit(r.name));
        if (key == "type") {
            const QString type = r.has(SpanStore::HasType) && r.type == SpanType::Unknown ? store.span(span).type
                                                                                          : spanTypeName(r.type);
            return equals ? type.compare(QString::fromUtf8(term.value), Qt::CaseInsensitive) == 0
                          : type.contains(QString::fromUtf8(term.value), Qt::CaseInsensitive);
        }
        if (key == "id" || key == "spanId")
            return textMatches(idOf(SpanStore::Field::SpanId, SpanStore::HasSpanId, r.spanId));
        if (key == "trace" || key == "traceId")
            return textMatches(idOf(SpanStore::Field::TraceId, SpanStore::HasTraceId, r.traceId));
        if (key == "parent" || key == "parentId")
            return textMatches(idOf(SpanStore::Field::ParentId, SpanStore::HasParentId, r.parentId));
        if (prepared) {
            const qint64 keyId = prepared->keyIds[t];
            if (keyId < 0)
                return false;
            for (const SpanStore::DataEntry &entry : store.data(span)) {
                if (qint64(entry.key) != keyId)
                    continue;
                if (equals) {
                    if (qint64(entry.value) == prepared->valueIds[t])
                        return true;
                } else if (stringHit(entry.value)) {
                    return true;
                }
            }
            return false;
        }
        for (const SpanStore::DataEntry &entry : store.data(span)) {
            if (pool.view(entry.key) == key && textMatches(pool.view(entry.value)))
                return true;
        }
        return false;
    }
    }
    return false;
}

} // namespace Workbench::Viewer
