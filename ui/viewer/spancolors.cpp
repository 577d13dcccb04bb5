#include "ui/viewer/spancolors.h"

using namespace Qt::StringLiterals;

namespace Workbench {

const std::array<QRgb, SpanColors::PaletteSize> &SpanColors::palette()
{
    // Tableau-like hues, light and dark variants apart, red left out (it marks errors).
    static const std::array<QRgb, PaletteSize> colors{
        qRgb(0x4E, 0x79, 0xA7), // blue
        qRgb(0xF2, 0x8E, 0x2B), // orange
        qRgb(0x59, 0xA1, 0x4F), // green
        qRgb(0xB0, 0x7A, 0xA1), // purple
        qRgb(0x76, 0xB7, 0xB2), // teal
        qRgb(0xED, 0xC9, 0x48), // yellow
        qRgb(0x9C, 0x75, 0x5F), // brown
        qRgb(0xFF, 0x9D, 0xA7), // pink
        qRgb(0x2E, 0x4A, 0x7D), // navy
        qRgb(0x8C, 0xD1, 0x7D), // light green
        qRgb(0x49, 0x98, 0x94), // dark teal
        qRgb(0xA0, 0xCB, 0xE8), // light blue
    };
    return colors;
}

QRgb SpanColors::forServiceUtf8(QByteArrayView utf8)
{
    if (utf8.isEmpty())
        return noService().rgb();
    quint32 hash = 2166136261u;
    for (const char c : utf8) {
        hash ^= quint8(c);
        hash *= 16777619u;
    }
    return palette()[hash % PaletteSize];
}

QColor SpanColors::forService(QStringView service)
{
    return QColor(forServiceUtf8(service.toUtf8()));
}

QColor SpanColors::forType(Traces::SpanType type)
{
    switch (type) {
    case Traces::SpanType::Entry:
        return QColor(palette()[0]);
    case Traces::SpanType::Exit:
        return QColor(palette()[1]);
    case Traces::SpanType::Intermediate:
        return QColor(palette()[2]);
    case Traces::SpanType::Eum:
        return QColor(palette()[3]);
    case Traces::SpanType::Unknown:
        break;
    }
    return noService();
}

QChar SpanColors::typeLetter(Traces::SpanType type)
{
    switch (type) {
    case Traces::SpanType::Entry:
        return u'E';
    case Traces::SpanType::Exit:
        return u'X';
    case Traces::SpanType::Intermediate:
        return u'I';
    case Traces::SpanType::Eum:
        return u'U';
    case Traces::SpanType::Unknown:
        break;
    }
    return u'?';
}

QColor SpanColors::error()
{
    return QColor(0xD6, 0x27, 0x28);
}

QColor SpanColors::warning()
{
    return QColor(0xC7, 0x6E, 0x00);
}

QColor SpanColors::highlight()
{
    return QColor(0xFF, 0xD7, 0x00);
}

QColor SpanColors::noService()
{
    return QColor(0xB0, 0xB0, 0xB0);
}

void SpanColors::setStore(const Traces::SpanStore *store)
{
    m_store = store;
    m_cache.clear();
    m_serviceKey = store ? store->strings().find("service") : -1;
}

Traces::StringPool::Id SpanColors::serviceId(qsizetype span) const
{
    if (!m_store || m_serviceKey < 0)
        return 0;
    for (const auto &entry : m_store->data(span)) {
        if (qint64(entry.key) == m_serviceKey)
            return entry.value;
    }
    return 0;
}

QRgb SpanColors::serviceColor(qsizetype span) const
{
    const Traces::StringPool::Id id = serviceId(span);
    const auto it = m_cache.constFind(id);
    if (it != m_cache.constEnd())
        return *it;
    const QRgb rgb = id == 0 ? noService().rgb() : forServiceUtf8(m_store->strings().view(id));
    m_cache.insert(id, rgb);
    return rgb;
}

QRgb SpanColors::color(qsizetype span, bool byType) const
{
    if (byType)
        return forType(m_store->record(span).type).rgb();
    return serviceColor(span);
}

} // namespace Workbench
