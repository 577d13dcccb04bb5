#pragma once

#include "core/traces/spanstore.h"

#include <QString>

#include <optional>
#include <vector>

namespace Workbench::Viewer {

// What a search box asks of spans. Words are combined with AND:
//   checkout          the name, the service, an id, or a data value contains it (any case)
//   service=payments  a field or data key equals the value (`name`, `service`, `type`, `id`,
//                     `trace`, `parent`, or any data key such as http.status_code=500);
//                     key~value: contains
//   duration>250      longer than 250 ms (also >=, <, <=; units ms, s, m: duration>1.5s)
//   error             marked as an error (error=false: not marked)
//   "two words"       a phrase in quotes
class SpanQuery
{
public:
    // An empty query matches every span. On a mistake, *error names it and the result is empty.
    static std::optional<SpanQuery> parse(const QString &text, QString *error = nullptr);

    bool isEmpty() const { return m_terms.empty(); }
    bool matches(const Traces::SpanStore &store, qsizetype span) const;
    // matches() for every span, fast: each distinct text of the store is tested once.
    std::vector<bool> matchAll(const Traces::SpanStore &store) const;

private:
    struct Term
    {
        enum class Kind : quint8 {
            Text, // anywhere
            Equals, // key=value
            Contains, // key~value
            DurationAbove,
            DurationAtLeast,
            DurationBelow,
            DurationAtMost,
            Error,
        };
        Kind kind = Kind::Text;
        QByteArray key; // for Equals/Contains
        QByteArray value; // UTF-8; lower case for Text and Contains
        qint64 number = 0; // duration in ms; 1/0 for Error
    };

    struct Prepared; // per-store lookups built by matchAll
    bool termMatches(const Term &term, const Traces::SpanStore &store, qsizetype span, const Prepared *prepared,
                     size_t termIndex) const;

    std::vector<Term> m_terms;
};

} // namespace Workbench::Viewer
