#include "iwb/cli/tokeninput.h"

#include "core/profiles/tokenvault.h"

#include <QCoreApplication>
#include <QStringDecoder>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Cli::TokenInput)
};

#ifdef Q_OS_UNIX
// The terminal as it was before its echo was turned off, for the signal handler.
termios savedTerminal{};
volatile sig_atomic_t echoIsOff = 0;
constexpr std::array stopSignals{SIGINT, SIGTERM, SIGHUP, SIGQUIT};

void restoreTerminal()
{
    if (echoIsOff) {
        tcsetattr(STDIN_FILENO, TCSANOW, &savedTerminal);
        echoIsOff = 0;
    }
}

extern "C" void restoreAndStop(int signalNumber)
{
    // Only async-signal-safe calls: tcsetattr, signal, raise.
    restoreTerminal();
    std::signal(signalNumber, SIG_DFL);
    std::raise(signalNumber);
}

// Turns the terminal's echo off for its lifetime, and puts it back however the prompt ends.
class EchoOff
{
public:
    EchoOff()
    {
        if (tcgetattr(STDIN_FILENO, &savedTerminal) != 0)
            return;
        struct sigaction action = {};
        action.sa_handler = restoreAndStop;
        sigemptyset(&action.sa_mask);
        for (std::size_t i = 0; i < stopSignals.size(); ++i)
            sigaction(stopSignals.at(i), &action, &m_previous.at(i));
        termios quiet = savedTerminal;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        quiet.c_lflag |= tcflag_t(ECHONL); // the newline is shown, so the next output starts a line
        echoIsOff = 1;
        if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
            echoIsOff = 0;
        m_active = true;
    }
    ~EchoOff()
    {
        if (!m_active)
            return;
        restoreTerminal();
        for (std::size_t i = 0; i < stopSignals.size(); ++i)
            sigaction(stopSignals.at(i), &m_previous.at(i), nullptr);
    }
    EchoOff(const EchoOff &) = delete;
    EchoOff &operator=(const EchoOff &) = delete;

private:
    std::array<struct sigaction, stopSignals.size()> m_previous{};
    bool m_active = false;
};
#else
// Elsewhere no prompt is offered (standardInputIsTerminal() is false): nothing to turn off.
class EchoOff
{
};
#endif

// One read of standard input: the bytes read, 0 at its end, -1 on an error (errno).
qint64 readSome(char *buffer, std::size_t size)
{
#ifdef Q_OS_UNIX
    return ::read(STDIN_FILENO, buffer, size);
#else
    const std::size_t got = std::fread(buffer, 1, size, stdin);
    return got == 0 && std::ferror(stdin) ? -1 : qint64(got);
#endif
}

// Reads standard input to its end, a newline ending it on a terminal, up to `limit` bytes
// (one more is read to tell that it was passed).
std::optional<QByteArray> readInput(qsizetype limit, bool stopAtNewline, QString *error)
{
    QByteArray bytes;
    std::array<char, 512> buffer{};
    while (bytes.size() <= limit) {
        const qint64 got = readSome(buffer.data(), stopAtNewline ? 1 : buffer.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            *error = Messages::tr("cannot read the token from standard input: %1")
                         .arg(QString::fromLocal8Bit(std::strerror(errno)));
            return std::nullopt;
        }
        if (got == 0)
            break;
        bytes.append(buffer.data(), got);
        if (stopAtNewline && bytes.endsWith('\n'))
            break;
    }
    return bytes;
}

TokenInput readToken(bool terminal, bool allowNone)
{
    TokenInput input;
    // The token, its newline, and one byte more to tell that the ceiling was passed.
    const qsizetype limit = TokenVault::MaxTokenBytes + 2;
    const auto bytes = readInput(limit, terminal, &input.error);
    if (!bytes)
        return input;
    QByteArray line = *bytes;
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.size() > TokenVault::MaxTokenBytes) {
        input.error = Messages::tr("the token on standard input is longer than %1 bytes; an API token is much shorter")
                          .arg(TokenVault::MaxTokenBytes);
        return input;
    }
    if (line.contains('\n')) {
        input.error = Messages::tr("standard input holds more than one line; the token is one line");
        return input;
    }
    if (line.isEmpty()) {
        if (!allowNone)
            input.error = terminal ? Messages::tr("no token was given")
                                   : Messages::tr("standard input holds no token (an empty line, or nothing)");
        return input;
    }
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString token = utf8(line);
    if (utf8.hasError()) {
        input.error = Messages::tr("the token is not UTF-8 text");
        return input;
    }
    if (const QString problem = TokenVault::tokenProblem(token); !problem.isEmpty()) {
        input.error = problem;
        return input;
    }
    input.token = token;
    return input;
}
} // namespace

bool standardInputIsTerminal()
{
#ifdef Q_OS_UNIX
    return ::isatty(STDIN_FILENO) == 1;
#else
    return false;
#endif
}

TokenInput readTokenFromStandardInput()
{
    if (!standardInputIsTerminal())
        return readToken(false, false);
    const EchoOff quiet;
    return readToken(true, false);
}

TokenInput promptForToken(const QString &prompt, QTextStream &err, bool allowNone)
{
    // Echo off first: what is typed once the prompt shows is never seen.
    const EchoOff quiet;
    err << prompt;
    err.flush();
    return readToken(true, allowNone);
}

} // namespace Workbench::Cli
