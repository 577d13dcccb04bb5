#pragma once

#include <QString>

#include <optional>

namespace Workbench::Cli {

class Invocation;

// iwb's one reading of a whole number on the command line: decimal digits with an optional sign,
// spaces around them ignored; nothing else (no 0x, no 1e3, no 1,000). Every command reads its
// numbers through these, so that each kind of bad value has one wording:
//   --port takes a whole number from 0 to 65535, not "soon".
//   --port: 99999999999999999999 is out of range (0–65535).
enum class NumberUnit {
    None,
    Milliseconds,
};

// The problem with `text` as the value of --`option`, in the wording above; empty when it is a
// whole number from `low` to `high`, which is then put in *value.
QString wholeNumberProblem(const QString &option, const QString &text, qint64 low, qint64 high, NumberUnit unit,
                           qint64 *value);
QString unsignedNumberProblem(const QString &option, const QString &text, quint64 high, quint64 *value);

// The value of --`option`, or nothing after ending `invocation` with the usage error.
std::optional<qint64> wholeNumberOption(Invocation &invocation, const QString &option, qint64 low, qint64 high,
                                        NumberUnit unit = NumberUnit::None);
std::optional<quint64> unsignedNumberOption(Invocation &invocation, const QString &option, quint64 high);

// "--option: text is out of range (range)." for values read otherwise (a number with a unit).
QString outOfRangeMessage(const QString &option, const QString &text, const QString &range);

} // namespace Workbench::Cli
