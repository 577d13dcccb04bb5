#include "core/io/filenames.h"

#include <QFileInfo>

#include <cstring>

using namespace Qt::StringLiterals;

namespace Workbench::Io {

namespace {
constexpr char16_t EscapeBase = 0xDC00; // U+DC80..U+DCFF stand for the bytes 0x80..0xFF

// The length of the valid UTF-8 sequence at the start of `bytes`, 0 when there is none.
qsizetype utf8SequenceLength(const unsigned char *bytes, qsizetype size)
{
    const unsigned char lead = bytes[0];
    if (lead < 0x80)
        return 1;
    qsizetype length = 0;
    char32_t low = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        low = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = 0x10000;
    } else {
        return 0;
    }
    if (size < length)
        return 0;
    char32_t code = lead & (0x7F >> length);
    for (qsizetype i = 1; i < length; ++i) {
        if ((bytes[i] & 0xC0) != 0x80)
            return 0;
        code = (code << 6) | (bytes[i] & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are no valid UTF-8.
    if (code < low || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
        return 0;
    return length;
}

bool isEscapedByte(const QString &name, qsizetype i)
{
    const char16_t c = name.at(i).unicode();
    return c >= EscapeBase + 0x80 && c <= EscapeBase + 0xFF && (i == 0 || !name.at(i - 1).isHighSurrogate());
}
} // namespace

QString decodeFileName(QByteArrayView bytes)
{
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype size = bytes.size();
    QString name;
    qsizetype runStart = 0;
    qsizetype i = 0;
    while (i < size) {
        const qsizetype length = utf8SequenceLength(data + i, size - i);
        if (length > 0) {
            i += length;
            continue;
        }
        name += QString::fromUtf8(bytes.sliced(runStart, i - runStart));
        name += QChar(char16_t(EscapeBase + data[i]));
        runStart = ++i;
    }
    name += QString::fromUtf8(bytes.sliced(runStart, size - runStart));
    return name;
}

bool holdsUndecodedBytes(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (isEscapedByte(text, i))
            return true;
    }
    return false;
}

QString unusedName(const QString &path, QChar separator)
{
    QString name = path;
    for (int n = 2; QFileInfo::exists(name) || QFileInfo(name).isSymLink(); ++n)
        name = path + separator + QString::number(n);
    return name;
}

QByteArray encodeFileName(const QString &name)
{
    QByteArray bytes;
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (!isEscapedByte(name, i))
            continue;
        bytes += QStringView(name).sliced(runStart, i - runStart).toUtf8();
        bytes += char(name.at(i).unicode() - EscapeBase);
        runStart = i + 1;
    }
    bytes += QStringView(name).sliced(runStart).toUtf8();
    return bytes;
}

QStringList decodeArguments(int argc, const char *const *argv)
{
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments << decodeFileName(QByteArrayView(argv[i], qsizetype(std::strlen(argv[i]))));
    return arguments;
}

QString shownFileName(const QString &name)
{
    QString shown;
    shown.reserve(name.size());
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name.at(i).unicode();
        if (isEscapedByte(name, i))
            shown += u"\\x"_s + QString::number(c - EscapeBase, 16);
        else if (c < 0x20 || c == 0x7F)
            shown += u"\\x"_s + QString::number(c, 16).rightJustified(2, u'0');
        else
            shown += QChar(c);
    }
    return shown;
}

QString systemError(int error)
{
    return qt_error_string(error);
}

} // namespace Workbench::Io
