#pragma once

#include "core/io/filenames.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Workbench::Io {

// A file read whole, or standard input. A regular file is mapped (its pages are the system's
// cache, not the process's memory, so a file of hundreds of MB costs little), up to
// `fileBytes`; anything else (a pipe, a FIFO, a character device, a file the system cannot map,
// one that says it is empty as /proc files do) is read as a stream into memory, up to
// `streamBytes`. Past a ceiling reading stops with an error, never with what was read so far.
class InputFile
{
public:
    struct Ceiling
    {
        qint64 fileBytes = 0;
        qint64 streamBytes = 0;
        // The input must be JSON text: a NUL byte cannot be part of it, so a stream of them
        // (</dev/zero) is refused at its first byte instead of being read to the ceiling.
        bool jsonText = false;
    };

    explicit InputFile(const QString &path, Dash dash = Dash::FileName);
    ~InputFile();
    InputFile(const InputFile &) = delete;
    InputFile &operator=(const InputFile &) = delete;

    // Reads the whole input once; false with errorString() when it cannot be read whole.
    bool read(const Ceiling &ceiling);

    QByteArrayView data() const;
    bool isStandardInput() const { return m_standardInput; }
    bool isMapped() const { return m_mapped != nullptr; }
    // The name for messages: escaped (shownFileName), or "standard input".
    QString name() const;
    // The same for `path` read elsewhere (a stream read a line at a time), "-" as in `dash`.
    static QString shownName(const QString &path, Dash dash = Dash::StandardStream);
    // One sentence naming the input and the reason, e.g. "cannot read caf\xe9.json: No such
    // file or directory".
    QString errorString() const { return m_error; }
    // Whether reading failed because the file could not be opened at all (no such file, no
    // permission), rather than while it was read or at a ceiling.
    bool failedToOpen() const { return m_failedToOpen; }

private:
    bool readStream(int fd, const Ceiling &ceiling);
    bool fail(const QString &message);

    QString m_path;
    bool m_standardInput = false;
    void *m_mapped = nullptr;
    qsizetype m_mappedSize = 0;
    qsizetype m_mappedOffset = 0;
    QByteArray m_contents;
    QString m_error;
    bool m_failedToOpen = false;
};

} // namespace Workbench::Io
