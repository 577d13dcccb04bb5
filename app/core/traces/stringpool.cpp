#include "core/traces/stringpool.h"

namespace Workbench::Traces {

StringPool::StringPool()
{
    m_offsets = {0, 0};
    m_table.assign(64, 0);
    m_table[hashOf({}) & (m_table.size() - 1)] = 1;
}

size_t StringPool::hashOf(QByteArrayView utf8)
{
    // FNV-1a, 64 bits: fast on the short texts spans are made of, and good enough spread
    // for a power-of-two table.
    quint64 hash = 14695981039346656037ull;
    for (const char c : utf8) {
        hash ^= quint8(c);
        hash *= 1099511628211ull;
    }
    return size_t(hash ^ (hash >> 29));
}

qint64 StringPool::find(QByteArrayView utf8) const
{
    const size_t mask = m_table.size() - 1;
    for (size_t slot = hashOf(utf8) & mask;; slot = (slot + 1) & mask) {
        const Id entry = m_table[slot];
        if (entry == 0)
            return -1;
        if (view(entry - 1) == utf8)
            return entry - 1;
    }
}

StringPool::Id StringPool::intern(QByteArrayView utf8)
{
    const size_t mask = m_table.size() - 1;
    size_t slot = hashOf(utf8) & mask;
    for (;; slot = (slot + 1) & mask) {
        const Id entry = m_table[slot];
        if (entry == 0)
            break;
        if (view(entry - 1) == utf8)
            return entry - 1;
    }
    const Id id = Id(count());
    m_bytes.append(utf8.data(), utf8.size());
    m_offsets.push_back(m_bytes.size());
    m_table[slot] = id + 1;
    if (size_t(count()) * 2 > m_table.size())
        grow();
    return id;
}

void StringPool::grow()
{
    std::vector<Id> table(m_table.size() * 2, 0);
    const size_t mask = table.size() - 1;
    for (Id id = 0; id < Id(count()); ++id) {
        size_t slot = hashOf(view(id)) & mask;
        while (table[slot] != 0)
            slot = (slot + 1) & mask;
        table[slot] = id + 1;
    }
    m_table = std::move(table);
}

qsizetype StringPool::memoryUsed() const
{
    return m_bytes.capacity() + qsizetype(m_offsets.capacity() * sizeof(qsizetype))
        + qsizetype(m_table.capacity() * sizeof(Id));
}

QString StringPool::text(Id id) const
{
    const QByteArrayView bytes = view(id);
    if (!bytes.contains('\xed'))
        return QString::fromUtf8(bytes);
    QString out;
    qsizetype run = 0;
    for (qsizetype i = 0; i + 2 < bytes.size(); ++i) {
        const auto second = quint8(bytes[i + 1]);
        if (quint8(bytes[i]) != 0xed || second < 0xa0 || second > 0xbf || (quint8(bytes[i + 2]) & 0xc0) != 0x80)
            continue;
        out += QString::fromUtf8(bytes.sliced(run, i - run));
        out += QChar(QChar::ReplacementCharacter);
        i += 2;
        run = i + 1;
    }
    out += QString::fromUtf8(bytes.sliced(run));
    return out;
}

} // namespace Workbench::Traces
