#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace Workbench::Io {

// What "-" means where a file name is expected: a file of that name, or the standard stream
// (standard input for a reader, standard output for a writer), as iwb's FILE arguments take it.
enum class Dash {
    FileName,
    StandardStream,
};

// File names as the system gives them. A name on Linux is bytes, not always UTF-8 (a file
// copied from an old Latin-1 disk is "caf\xe9.json"), and Qt decodes such bytes to U+FFFD,
// after which the file cannot be opened. These keep every byte: a byte that is no part of
// valid UTF-8 becomes one of U+DC80..U+DCFF (the "surrogateescape" scheme of Python's
// os.fsdecode), and encodeFileName() gives the same bytes back.
QString decodeFileName(QByteArrayView bytes);
QByteArray encodeFileName(const QString &name);

// Whether `text` holds a byte that was no part of valid UTF-8 (as decodeFileName() keeps it):
// fine in a file name, not in text that is sent or stored, such as an event's title.
bool holdsUndecodedBytes(const QString &text);

// The command line decoded as above, so that a file name given to iwb opens whatever bytes
// it is made of (QCoreApplication::arguments() decodes argv lossily).
QStringList decodeArguments(int argc, const char *const *argv);

// A name as shown in messages, on one line: bytes that are not UTF-8 and control characters
// as \xNN ("caf\xe9.json").
QString shownFileName(const QString &name);

// `path` when nothing (not even a dangling link) has that name, else the first of
// `path` + separator + 2, 3, … that is free: where a file is moved aside without replacing any.
QString unusedName(const QString &path, QChar separator);

// The sentence for an errno value, as the system says it ("No space left on device").
QString systemError(int error);

} // namespace Workbench::Io
