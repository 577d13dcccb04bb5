#include "core/traces/span.h"

#include <QRandomGenerator>

#include <array>

using namespace Qt::StringLiterals;

namespace Workbench::Traces {

namespace {
constexpr std::array<QLatin1StringView, 4> typeNames{"ENTRY"_L1, "EXIT"_L1, "INTERMEDIATE"_L1, "EUM"_L1};
} // namespace

QLatin1StringView spanTypeLatin1(SpanType type)
{
    const auto i = size_t(type);
    return i < typeNames.size() ? typeNames[i] : QLatin1StringView();
}

QString spanTypeName(SpanType type)
{
    return spanTypeLatin1(type).toString();
}

SpanType spanTypeFromName(QStringView name)
{
    for (size_t i = 0; i < typeNames.size(); ++i) {
        if (name == typeNames[i])
            return SpanType(i);
    }
    return SpanType::Unknown;
}

SpanType spanTypeFromName(QByteArrayView utf8)
{
    for (size_t i = 0; i < typeNames.size(); ++i) {
        if (utf8 == QByteArrayView(typeNames[i].data(), typeNames[i].size()))
            return SpanType(i);
    }
    return SpanType::Unknown;
}

namespace SpanIds {

namespace {
template<typename Char>
std::optional<quint64> parseDigits(const Char *text, qsizetype size)
{
    if (size < 1 || size > 16)
        return std::nullopt;
    quint64 value = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const auto c = char16_t(text[i]);
        int digit = 0;
        if (c >= u'0' && c <= u'9')
            digit = c - u'0';
        else if (c >= u'a' && c <= u'f')
            digit = c - u'a' + 10;
        else if (c >= u'A' && c <= u'F')
            digit = c - u'A' + 10;
        else
            return std::nullopt;
        value = (value << 4) | quint64(digit);
    }
    return value;
}
} // namespace

std::optional<quint64> parse(QStringView text)
{
    return parseDigits(text.utf16(), text.size());
}

std::optional<quint64> parse(QByteArrayView text)
{
    return parseDigits(reinterpret_cast<const unsigned char *>(text.data()), text.size());
}

QByteArray formatLatin1(quint64 id)
{
    static constexpr char digits[] = "0123456789abcdef";
    QByteArray text(16, Qt::Uninitialized);
    for (int i = 15; i >= 0; --i) {
        text[i] = digits[id & 0xf];
        id >>= 4;
    }
    return text;
}

QString format(quint64 id)
{
    return QString::fromLatin1(formatLatin1(id));
}

quint64 random()
{
    quint64 id = 0;
    while (id == 0)
        id = QRandomGenerator::system()->generate64();
    return id;
}

} // namespace SpanIds

SpanType Span::spanType() const
{
    return type.isNull() ? SpanType::Entry : spanTypeFromName(type);
}

QString Span::dataValue(QStringView key) const
{
    for (const DataItem &item : data) {
        if (item.key == key)
            return item.value;
    }
    return {};
}

void Span::setData(const QString &key, const QString &value)
{
    hasData = true;
    for (DataItem &item : data) {
        if (item.key == key) {
            item.value = value;
            item.raw = false;
            return;
        }
    }
    data.append(DataItem{key, value, false});
}

} // namespace Workbench::Traces
