#include "core/io/inputfile.h"

#include <QCoreApplication>

#include <cerrno>
#include <cstring>
#include <new>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Workbench::Io {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Io::InputFile)
};

constexpr qsizetype ChunkBytes = 64 * 1024;

QString sizeText(qint64 bytes)
{
    constexpr qint64 MiB = 1024 * 1024;
    if (bytes < MiB)
        return Messages::tr("%1 bytes").arg(bytes);
    if (bytes % MiB == 0)
        return Messages::tr("%1 MiB").arg(bytes / MiB);
    return Messages::tr("%1 MiB").arg(double(bytes) / double(MiB), 0, 'f', 1);
}
} // namespace

InputFile::InputFile(const QString &path, Dash dash)
    : m_path(path)
    , m_standardInput(dash == Dash::StandardStream && path == QLatin1StringView("-"))
{
}

InputFile::~InputFile()
{
    if (m_mapped)
        ::munmap(m_mapped, size_t(m_mappedSize));
}

QString InputFile::name() const
{
    return shownName(m_path, m_standardInput ? Dash::StandardStream : Dash::FileName);
}

QString InputFile::shownName(const QString &path, Dash dash)
{
    const bool standardInput = dash == Dash::StandardStream && path == QLatin1StringView("-");
    return standardInput ? Messages::tr("standard input") : shownFileName(path);
}

QByteArrayView InputFile::data() const
{
    if (m_mapped)
        return {static_cast<const char *>(m_mapped) + m_mappedOffset, m_mappedSize - m_mappedOffset};
    return m_contents;
}

bool InputFile::fail(const QString &message)
{
    m_error = message;
    m_contents.clear();
    return false;
}

bool InputFile::read(const Ceiling &ceiling)
{
    int fd = STDIN_FILENO;
    if (!m_standardInput) {
        do {
            fd = ::open(encodeFileName(m_path).constData(), O_RDONLY | O_CLOEXEC);
        } while (fd < 0 && errno == EINTR);
        if (fd < 0) {
            m_failedToOpen = true;
            return fail(Messages::tr("cannot read %1: %2").arg(name(), systemError(errno)));
        }
    }
    struct Closer
    {
        int fd;
        bool owned;
        ~Closer()
        {
            if (owned)
                ::close(fd);
        }
    } closer{fd, !m_standardInput};

    struct stat status = {};
    if (::fstat(fd, &status) != 0)
        return fail(Messages::tr("cannot read %1: %2").arg(name(), systemError(errno)));
    if (S_ISDIR(status.st_mode))
        return fail(Messages::tr("cannot read %1: %2").arg(name(), systemError(EISDIR)));
    if (S_ISREG(status.st_mode) && status.st_size > 0) {
        if (status.st_size > ceiling.fileBytes)
            return fail(Messages::tr("%1 is %2, over the limit of %3 for one file.")
                            .arg(name(), sizeText(status.st_size), sizeText(ceiling.fileBytes)));
        const off_t position = m_standardInput ? ::lseek(fd, 0, SEEK_CUR) : 0;
        void *mapped = position >= 0 && position <= status.st_size
            ? ::mmap(nullptr, size_t(status.st_size), PROT_READ, MAP_PRIVATE, fd, 0)
            : MAP_FAILED;
        if (mapped != MAP_FAILED) {
            m_mapped = mapped;
            m_mappedSize = qsizetype(status.st_size);
            m_mappedOffset = qsizetype(position);
            return true;
        }
        // Some file systems cannot map; such a file is read like a stream.
    }
    return readStream(fd, ceiling);
}

bool InputFile::readStream(int fd, const Ceiling &ceiling)
{
    try {
        for (;;) {
            const qsizetype before = m_contents.size();
            m_contents.resize(before + ChunkBytes);
            const ssize_t length = ::read(fd, m_contents.data() + before, size_t(ChunkBytes));
            if (length < 0) {
                const int error = errno;
                m_contents.resize(before);
                if (error == EINTR)
                    continue;
                return fail(Messages::tr("cannot read %1: %2").arg(name(), systemError(error)));
            }
            m_contents.resize(before + qsizetype(length));
            if (length == 0)
                return true; // the end of the input
            if (ceiling.jsonText) {
                const void *nul = std::memchr(m_contents.constData() + before, 0, size_t(length));
                if (nul)
                    return fail(Messages::tr("%1 is not JSON text: a NUL byte at offset %2.")
                                    .arg(name())
                                    .arg(qint64(static_cast<const char *>(nul) - m_contents.constData())));
            }
            if (m_contents.size() > ceiling.streamBytes)
                return fail(Messages::tr("%1 is over the limit of %2 for input read from a pipe or device.")
                                .arg(name(), sizeText(ceiling.streamBytes)));
        }
    } catch (const std::bad_alloc &) {
        const qsizetype read = m_contents.size();
        return fail(Messages::tr("cannot read %1: out of memory after %2.").arg(name(), sizeText(read)));
    }
}

} // namespace Workbench::Io
