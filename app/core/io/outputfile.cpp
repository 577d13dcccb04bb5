#include "core/io/outputfile.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <cerrno>
#include <climits>
#include <cstdlib>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Workbench::Io {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Io::OutputFile)
};

// Where a dangling symbolic link points, relative links taken from the link's folder; the name
// itself when it is no link.
QByteArray danglingTarget(QByteArray path)
{
    for (int depth = 0; depth < 40; ++depth) {
        struct stat status = {};
        if (::lstat(path.constData(), &status) != 0 || !S_ISLNK(status.st_mode))
            return path;
        QByteArray link(PATH_MAX, Qt::Uninitialized);
        const ssize_t length = ::readlink(path.constData(), link.data(), size_t(link.size()));
        if (length <= 0)
            return path;
        link.truncate(qsizetype(length));
        if (!link.startsWith('/')) {
            const qsizetype slash = path.lastIndexOf('/');
            link.prepend(slash >= 0 ? path.left(slash + 1) : QByteArray());
        }
        path = link;
    }
    return path;
}

QByteArray temporaryName(const QByteArray &target)
{
    static constexpr char Letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QByteArray name = target + '.';
    for (int i = 0; i < 6; ++i)
        name += Letters[QRandomGenerator::system()->bounded(int(sizeof Letters) - 1)];
    return name;
}
} // namespace

OutputFile::OutputFile(const QString &path, Dash dash)
    : m_path(path)
    , m_standardOutput(dash == Dash::StandardStream && path == QLatin1StringView("-"))
{
}

OutputFile::~OutputFile()
{
    if (!m_committed)
        discard();
}

QString OutputFile::name() const
{
    return m_standardOutput ? Messages::tr("standard output") : shownFileName(m_path);
}

QString OutputFile::errorString() const
{
    return m_reason.isEmpty() ? QString() : Messages::tr("cannot write %1: %2").arg(name(), m_reason);
}

bool OutputFile::fail(int error)
{
    return fail(systemError(error));
}

bool OutputFile::fail(const QString &reason)
{
    if (m_reason.isEmpty())
        m_reason = reason;
    discard();
    return false;
}

void OutputFile::discard()
{
    if (m_fd >= 0 && !m_standardOutput)
        ::close(m_fd);
    m_fd = -1;
    if (!m_temporary.isEmpty())
        ::unlink(m_temporary.constData());
    m_temporary.clear();
}

bool OutputFile::open()
{
    if (m_fd >= 0 || !m_reason.isEmpty() || m_committed)
        return m_fd >= 0;
    if (m_standardOutput) {
        m_fd = STDOUT_FILENO;
        return true;
    }
    if (m_path.isEmpty())
        return fail(Messages::tr("no file name"));
    const QByteArray path = encodeFileName(m_path);
    struct stat status = {};
    const bool exists = ::stat(path.constData(), &status) == 0; // follows links
    if (!exists && errno != ENOENT)
        return fail(errno);
    if (exists && S_ISDIR(status.st_mode))
        return fail(EISDIR);
    if (exists && S_ISSOCK(status.st_mode))
        return fail(Messages::tr("it is a socket"));
    if (exists && !S_ISREG(status.st_mode)) {
        // A device or a FIFO: written in place; renaming a file over it would replace it.
        do {
            m_fd = ::open(path.constData(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
        } while (m_fd < 0 && errno == EINTR);
        return m_fd >= 0 || fail(errno);
    }
    if (exists) {
        char resolved[PATH_MAX];
        if (!::realpath(path.constData(), resolved))
            return fail(errno);
        m_target = resolved;
    } else {
        m_target = danglingTarget(path);
    }
    for (int attempt = 0; attempt < 100 && m_fd < 0; ++attempt) {
        m_temporary = temporaryName(m_target);
        m_fd = ::open(m_temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (m_fd < 0 && errno != EEXIST && errno != EINTR) {
            const int error = errno;
            m_temporary.clear();
            return fail(error);
        }
    }
    if (m_fd < 0) {
        m_temporary.clear();
        return fail(EEXIST);
    }
    if (exists && ::fchmod(m_fd, status.st_mode & 07777) != 0)
        return fail(errno);
    return true;
}

bool OutputFile::write(QByteArrayView bytes)
{
    if (m_fd < 0)
        return m_reason.isEmpty() ? fail(EBADF) : false;
    const char *data = bytes.data();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t written = ::write(m_fd, data, size_t(left));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return fail(errno);
        }
        data += written;
        left -= qsizetype(written);
        m_written += written;
    }
    return true;
}

bool OutputFile::commit()
{
    if (m_fd < 0)
        return m_reason.isEmpty() ? fail(EBADF) : false;
    if (m_standardOutput) {
        m_fd = -1;
        m_committed = true;
        return true;
    }
    // A full disk or an I/O error may show only now; a file system that cannot sync is no error.
    if (!m_temporary.isEmpty() && ::fsync(m_fd) != 0 && errno != EINVAL && errno != ENOTSUP)
        return fail(errno);
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0)
        return fail(errno);
    if (!m_temporary.isEmpty()) {
        if (::rename(m_temporary.constData(), m_target.constData()) != 0)
            return fail(errno);
        m_temporary.clear();
    }
    m_committed = true;
    return true;
}

bool OutputFile::writeWhole(const QString &path, QByteArrayView bytes, QString *error, Dash dash)
{
    OutputFile file(path, dash);
    if (file.open() && file.write(bytes) && file.commit())
        return true;
    if (error)
        *error = file.errorString();
    return false;
}

} // namespace Workbench::Io
