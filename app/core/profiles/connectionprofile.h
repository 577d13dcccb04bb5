#pragma once

#include "core/rest/connectionoptions.h"

#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

namespace Workbench {

// One Instana tenant the workbench talks to: where its REST API is, how to reach it, and where
// events and spans go while it is the active profile. Its API token is not part of it: only the
// keychain holds that, under tokenKey(name) (see TokenVault).
//
// The settings file keeps profiles (Settings::profiles()); one may also come from the
// environment (see chooseProfile()).
struct ConnectionProfile
{
    static constexpr qsizetype MaxNameLength = 64;
    static constexpr std::chrono::milliseconds MinTimeout{1000};
    static constexpr std::chrono::milliseconds MaxTimeout{600000};

    // 1 to 64 letters, digits, '.', '_' or '-', not starting with '.' or '-'.
    QString name;
    // "https://<unit>-<tenant>.instana.io" or a self-hosted domain: scheme, host and port only.
    QUrl baseUrl;
    // The host agent that events and spans go to; empty for none of the profile's own (then the
    // agent.url setting or the default agent decides, see Settings::agentTarget()).
    QUrl agentUrl;
    bool verifyTls = true;
    QString caBundleFile; // a PEM file trusted besides the system's certificates; empty for none
    bool allowHttp = false; // plain http:// to a host that is not loopback
    Rest::ProxyMode proxy = Rest::ProxyMode::System;
    QUrl proxyUrl; // for Rest::ProxyMode::Manual
    std::chrono::milliseconds timeout = Rest::ConnectionOptions::DefaultTimeout;
    qint64 maxResponseBytes = Rest::ConnectionOptions::DefaultMaxResponseBytes;

    // Every problem of the profile, a sentence each; empty when it may be used.
    QStringList validate() const;

    // What the REST client is given (the token comes from the keychain apart).
    Rest::ConnectionOptions options() const;

    // The key of this profile's token in the keychain: "profile/<name>".
    QString tokenKey() const { return tokenKey(name); }
    static QString tokenKey(const QString &name);

    // Why `name` is no profile name, as a sentence; empty when it is one.
    static QString nameProblem(const QString &name);

    // Reads a base URL as a person types it ("https://acme.instana.io", a trailing slash
    // allowed). Nothing, and *error set to a sentence, when it is no base URL: not http(s),
    // no host, a user name or password, a path, query or fragment, port 0, or plain http to a
    // host that is not loopback without `allowHttp`.
    static std::optional<QUrl> parseBaseUrl(const QString &text, bool allowHttp, QString *error = nullptr);

    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};

// The text of a proxy mode as the settings file and iwb spell it: "system", "none", "manual".
QString proxyModeName(Rest::ProxyMode mode);
std::optional<Rest::ProxyMode> parseProxyMode(const QString &text);

} // namespace Workbench
