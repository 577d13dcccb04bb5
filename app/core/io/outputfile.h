#pragma once

#include "core/io/filenames.h"

#include <QByteArrayView>
#include <QString>

namespace Workbench::Io {

// A file written whole, or standard output. What happens depends on what the name is:
// - a regular file, or nothing yet: written to a new file beside it and renamed over it once
//   complete, so that the old contents stay until the new ones are whole (keeping the old
//   file's permissions);
// - a symbolic link: followed; the file it points to is replaced, the link is kept;
// - a character device, a FIFO (or standard output): written in place, never replaced;
// - a directory or a socket: refused.
// Every failed write, sync or close is an error naming the file and the reason ("No space left
// on device"); after one, nothing more is written and commit() fails.
class OutputFile
{
public:
    explicit OutputFile(const QString &path, Dash dash = Dash::FileName);
    // A file not committed is removed (the target keeps what it had).
    ~OutputFile();
    OutputFile(const OutputFile &) = delete;
    OutputFile &operator=(const OutputFile &) = delete;

    bool open();
    bool write(QByteArrayView bytes);
    // Completes the file: syncs and renames it into place, or closes the device.
    bool commit();

    bool isStandardOutput() const { return m_standardOutput; }
    qint64 bytesWritten() const { return m_written; }
    // Whether the file is replaced by rename (a regular file), rather than written in place.
    bool isReplaced() const { return !m_temporary.isEmpty(); }
    // The name for messages: escaped (shownFileName), or "standard output".
    QString name() const;
    // One sentence, e.g. "cannot write /dev/full: No space left on device".
    QString errorString() const;
    // Only why, e.g. "No space left on device"; empty while there is no error.
    QString reason() const { return m_reason; }

    // The whole of `bytes` to `path` as above; false with a sentence in `error`.
    static bool writeWhole(const QString &path, QByteArrayView bytes, QString *error, Dash dash = Dash::FileName);

private:
    bool fail(int error);
    bool fail(const QString &reason);
    void discard();

    QString m_path;
    bool m_standardOutput = false;
    int m_fd = -1;
    QByteArray m_target; // the file that is replaced, links followed
    QByteArray m_temporary; // the new file beside it, renamed over it by commit()
    QString m_reason;
    bool m_committed = false;
    qint64 m_written = 0;
};

} // namespace Workbench::Io
