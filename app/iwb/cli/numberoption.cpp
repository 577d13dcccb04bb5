#include "iwb/cli/numberoption.h"

#include "iwb/cli/command.h"

#include <QCoreApplication>

#include <limits>

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

namespace {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Cli::NumberOption)
};
} // namespace

struct Digits
{
    bool isNumber = false;
    bool negative = false;
    bool overflow = false; // more than 64 bits of magnitude
    quint64 magnitude = 0;
};

Digits readDigits(const QString &text)
{
    Digits digits;
    const QString trimmed = text.trimmed();
    qsizetype at = 0;
    if (at < trimmed.size() && (trimmed.at(at) == u'+' || trimmed.at(at) == u'-'))
        digits.negative = trimmed.at(at++) == u'-';
    if (at == trimmed.size())
        return digits;
    for (; at < trimmed.size(); ++at) {
        const char16_t c = trimmed.at(at).unicode();
        if (c < u'0' || c > u'9')
            return digits;
        const auto digit = quint64(c - u'0');
        if (digits.magnitude > (std::numeric_limits<quint64>::max() - digit) / 10)
            digits.overflow = true;
        else
            digits.magnitude = digits.magnitude * 10 + digit;
    }
    digits.isNumber = true;
    return digits;
}

QString notAWholeNumber(const QString &option, const QString &text, const QString &low, const QString &high,
                        NumberUnit unit)
{
    return unit == NumberUnit::Milliseconds
        ? Messages::tr("--%1 takes a whole number of milliseconds from %2 to %3, not \"%4\".")
              .arg(option, low, high, text)
        : Messages::tr("--%1 takes a whole number from %2 to %3, not \"%4\".").arg(option, low, high, text);
}

QString rangeText(const QString &low, const QString &high, NumberUnit unit)
{
    return unit == NumberUnit::Milliseconds ? Messages::tr("%1–%2 ms").arg(low, high)
                                            : Messages::tr("%1–%2").arg(low, high);
}

} // namespace

QString outOfRangeMessage(const QString &option, const QString &text, const QString &range)
{
    return Messages::tr("--%1: %2 is out of range (%3).").arg(option, text.trimmed(), range);
}

QString wholeNumberProblem(const QString &option, const QString &text, qint64 low, qint64 high, NumberUnit unit,
                           qint64 *value)
{
    const QString lowText = QString::number(low);
    const QString highText = QString::number(high);
    const Digits digits = readDigits(text);
    if (!digits.isNumber)
        return notAWholeNumber(option, text, lowText, highText, unit);
    constexpr auto largest = quint64(std::numeric_limits<qint64>::max());
    bool inRange = !digits.overflow && digits.magnitude <= largest + (digits.negative ? 1 : 0);
    qint64 number = 0;
    if (inRange) {
        // Negated in unsigned arithmetic, so that the smallest qint64 is read too.
        number = digits.negative ? qint64(0 - digits.magnitude) : qint64(digits.magnitude);
        inRange = number >= low && number <= high;
    }
    if (!inRange)
        return outOfRangeMessage(option, text, rangeText(lowText, highText, unit));
    *value = number;
    return {};
}

QString unsignedNumberProblem(const QString &option, const QString &text, quint64 high, quint64 *value)
{
    const QString highText = QString::number(high);
    const Digits digits = readDigits(text);
    if (!digits.isNumber)
        return notAWholeNumber(option, text, u"0"_s, highText, NumberUnit::None);
    if (digits.overflow || (digits.negative && digits.magnitude > 0) || digits.magnitude > high)
        return outOfRangeMessage(option, text, rangeText(u"0"_s, highText, NumberUnit::None));
    *value = digits.magnitude;
    return {};
}

std::optional<qint64> wholeNumberOption(Invocation &invocation, const QString &option, qint64 low, qint64 high,
                                        NumberUnit unit)
{
    qint64 value = 0;
    const QString problem = wholeNumberProblem(option, invocation.value(option), low, high, unit, &value);
    if (!problem.isEmpty()) {
        invocation.usageError(problem);
        return std::nullopt;
    }
    return value;
}

std::optional<quint64> unsignedNumberOption(Invocation &invocation, const QString &option, quint64 high)
{
    quint64 value = 0;
    const QString problem = unsignedNumberProblem(option, invocation.value(option), high, &value);
    if (!problem.isEmpty()) {
        invocation.usageError(problem);
        return std::nullopt;
    }
    return value;
}

} // namespace Workbench::Cli
