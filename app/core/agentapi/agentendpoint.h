#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace Workbench {

// The address of an Instana host agent: scheme, host and port, nothing else. The agent's
// generic endpoints hang off it at fixed paths.
class AgentEndpoint
{
public:
    static constexpr quint16 DefaultPort = 42699;

    // http://127.0.0.1:42699, where a host agent (or the local agent) listens by default.
    static QUrl defaultUrl();

    // Accepts what a person types: "host", "host:port", "http://host:port", with or without a
    // trailing slash, and also a full endpoint URL pasted from the docs, which is cut back to
    // the agent's base. Returns nothing and sets *error to a sentence when the text is no agent.
    static std::optional<QUrl> parse(const QString &text, QString *error = nullptr);

    static QUrl eventUrl(const QUrl &agent);
    static QUrl traceUrl(const QUrl &agent);

    // "127.0.0.1:42699" for plain http, the whole URL otherwise.
    static QString displayName(const QUrl &agent);
    static bool isLoopback(const QUrl &agent);
};

} // namespace Workbench
