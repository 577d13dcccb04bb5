#pragma once

#include <QString>
#include <QTextStream>

#include <optional>

namespace Workbench::Cli {

// An API token as iwb takes it: from standard input or a prompt, never from the command line
// (every user of the machine can read a process's arguments).
struct TokenInput
{
    std::optional<QString> token; // nothing when reading failed (error) or, at a prompt, for none
    QString error; // a sentence that never holds the token
};

// Whether standard input is a terminal: then the token is asked for without echo.
bool standardInputIsTerminal();

// Reads the token from standard input (--token-stdin): one line, its newline ("\n" or "\r\n")
// stripped, at most TokenVault::MaxTokenBytes bytes; an empty line, a second line, or text that
// TokenVault::tokenProblem() refuses is an error. A terminal is read with its echo off.
TokenInput readTokenFromStandardInput();

// Asks for the token on the terminal of standard input, without echo: `prompt` on `err`, one
// line read. The terminal's echo is back on every path out, Ctrl+C (SIGINT), SIGTERM, SIGHUP and
// SIGQUIT included: those restore it and then end the process as they would have. An empty answer
// is nothing when `allowNone`, else an error.
TokenInput promptForToken(const QString &prompt, QTextStream &err, bool allowNone);

} // namespace Workbench::Cli
