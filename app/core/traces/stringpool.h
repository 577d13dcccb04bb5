#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <vector>

namespace Workbench::Traces {

// Interned UTF-8 strings: each distinct text is kept once and named by a 32-bit id, so that
// a million spans repeating a few hundred names, services and data keys cost four bytes per
// mention. Id 0 is the empty text. Not thread-safe; ids stay valid for the pool's life.
class StringPool
{
public:
    using Id = quint32;

    StringPool();

    Id intern(QByteArrayView utf8);
    Id intern(QStringView text) { return intern(QByteArrayView(text.toUtf8())); }
    // The id of a text already in the pool, or -1.
    qint64 find(QByteArrayView utf8) const;

    QByteArrayView view(Id id) const
    {
        return QByteArrayView(m_bytes.constData() + m_offsets[id], qsizetype(m_offsets[id + 1] - m_offsets[id]));
    }
    // A lone surrogate, which the span reader keeps as the bytes ED A0..BF 80..BF, reads as one
    // U+FFFD.
    QString text(Id id) const;

    qsizetype count() const { return qsizetype(m_offsets.size()) - 1; }
    // Bytes held: the texts, their offsets and the lookup table.
    qsizetype memoryUsed() const;

private:
    static size_t hashOf(QByteArrayView utf8);
    void grow();

    QByteArray m_bytes;
    std::vector<qsizetype> m_offsets; // text i is bytes [m_offsets[i], m_offsets[i + 1])
    std::vector<Id> m_table; // open addressing: id + 1, or 0 for a free slot
};

} // namespace Workbench::Traces
