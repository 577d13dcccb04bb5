#pragma once

#include "core/traces/span.h"
#include "core/traces/spanstore.h"

#include <QColor>
#include <QHash>
#include <QRgb>

#include <array>

namespace Workbench {

// The trace viewer's colours: a stable palette of twelve distinguishable colours (none of them
// the red kept for errors) chosen per service by a hash of the service's text, so a service
// keeps its colour across traces and runs, or one colour per span type.
class SpanColors
{
public:
    static constexpr int PaletteSize = 12;
    static const std::array<QRgb, PaletteSize> &palette();

    // The colour of a service by its text (FNV-1a of the UTF-8 bytes); grey for no service.
    static QColor forService(QStringView service);
    static QRgb forServiceUtf8(QByteArrayView utf8);
    static QColor forType(Traces::SpanType type);
    // One letter for a type: E(ntry), X (exit), I(ntermediate), U (EUM), ? (unknown).
    static QChar typeLetter(Traces::SpanType type);

    static QColor error(); // error spans and error findings
    static QColor warning(); // placeholders ("missing parent", "cycle")
    static QColor highlight(); // search matches
    static QColor noService();

    // Per-store lookups of a span's service, cached by the service's string id, so painting
    // never builds a QString to find a colour.
    void setStore(const Traces::SpanStore *store);
    // The interned id of the span's "service" value (0: none).
    Traces::StringPool::Id serviceId(qsizetype span) const;
    QRgb serviceColor(qsizetype span) const;
    QRgb color(qsizetype span, bool byType) const;

private:
    const Traces::SpanStore *m_store = nullptr;
    qint64 m_serviceKey = -1;
    mutable QHash<Traces::StringPool::Id, QRgb> m_cache;
};

} // namespace Workbench
