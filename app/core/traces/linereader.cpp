#include "core/traces/linereader.h"

#include "core/io/filenames.h"
#include "core/io/inputfile.h"

#include <QCoreApplication>
#include <QThread>

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Workbench::Traces {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Traces::LineReader)
};
} // namespace

LineReader::LineReader(const QString &path, int capacity, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_free(std::max(1, capacity))
{
}

LineReader::~LineReader()
{
    stop();
    if (m_thread)
        m_thread->wait();
}

void LineReader::start()
{
    if (m_thread)
        return;
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->start();
}

void LineReader::stop()
{
    m_stop.store(true);
}

void LineReader::taken()
{
    m_free.release();
}

bool LineReader::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

bool LineReader::handOn(const QByteArray &line)
{
    while (!m_free.tryAcquire(1, PollMs)) {
        if (m_stop.load())
            return false;
    }
    if (m_stop.load())
        return false;
    Q_EMIT lineRead(line);
    return true;
}

void LineReader::run()
{
    const bool standardInput = m_path == u"-"_s;
    const QString name = Io::InputFile::shownName(m_path);
    int fd = STDIN_FILENO;
    if (!standardInput) {
        // Not blocking while opening: a FIFO without a writer would block open() for good.
        fd = ::open(Io::encodeFileName(m_path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            Q_EMIT ended(Messages::tr("cannot read %1: %2").arg(name, Io::systemError(errno)));
            return;
        }
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    }
    QByteArray pending;
    char buffer[64 * 1024];
    bool stopped = false;
    QString error;
    qint64 lineNumber = 0;
    while (!stopped && !m_stop.load()) {
        pollfd watched{fd, POLLIN, 0};
        const int ready = ::poll(&watched, 1, PollMs);
        if (ready < 0 && errno != EINTR) {
            // Never the end of the input: the input was not read to its end.
            error = Messages::tr("cannot read %1: %2").arg(name, Io::systemError(errno));
            break;
        }
        if (ready <= 0)
            continue;
        const ssize_t length = ::read(fd, buffer, sizeof buffer);
        if (length < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            error = Messages::tr("cannot read %1: %2").arg(name, Io::systemError(errno));
            break;
        }
        if (length == 0)
            break; // the end of the input
        const qsizetype searchFrom = pending.size(); // what came before has no line break
        pending.append(buffer, qsizetype(length));
        qsizetype from = 0;
        for (qsizetype newline = pending.indexOf('\n', searchFrom); newline >= 0;
             newline = pending.indexOf('\n', from)) {
            ++lineNumber;
            if (!handOn(pending.mid(from, newline - from))) {
                stopped = true;
                break;
            }
            from = newline + 1;
        }
        pending.remove(0, from);
        if (pending.size() > MaxLineBytes) {
            error = Messages::tr("line %1 of %2 is longer than %3 MiB without a line break; no span is that long.")
                        .arg(lineNumber + 1)
                        .arg(name)
                        .arg(MaxLineBytes / (1024 * 1024));
            break;
        }
    }
    if (error.isEmpty() && !stopped && !m_stop.load() && !pending.isEmpty())
        handOn(pending); // a last line without a line break
    if (!standardInput)
        ::close(fd);
    Q_EMIT ended(error);
}

} // namespace Workbench::Traces
