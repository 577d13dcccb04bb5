#pragma once

#include <QString>
#include <QUrl>

#include <chrono>

namespace Workbench::Rest {

// How requests reach a proxy: the system's settings, none, or one given by URL.
enum class ProxyMode {
    System,
    None,
    Manual,
};

// How the REST client reaches one Instana backend: everything of a connection profile except
// its name and its token (which only the keychain holds).
struct ConnectionOptions
{
    static constexpr std::chrono::milliseconds DefaultTimeout{30000};
    // Generous: an answer may be hundreds of MiB. A ceiling that is passed is a clear error.
    static constexpr qint64 DefaultMaxResponseBytes = qint64(1024) * 1024 * 1024;

    // "https://<unit>-<tenant>.instana.io" or a self-hosted domain; paths such as
    // "/api/instana/version" are appended to it.
    QUrl baseUrl;
    // Off only on the user's explicit word; then certificates are not checked at all.
    bool verifyTls = true;
    // A PEM file of certificates trusted besides the system's; empty for none.
    QString caBundleFile;
    // Plain http:// to a host that is not loopback is refused unless this is set.
    bool allowHttp = false;
    ProxyMode proxy = ProxyMode::System;
    // For ProxyMode::Manual: "http://proxy.example:3128" or "socks5://host:1080".
    QUrl proxyUrl;
    // No bytes moving for this long ends a request as timed out.
    std::chrono::milliseconds timeout = DefaultTimeout;
    qint64 maxResponseBytes = DefaultMaxResponseBytes;
};

} // namespace Workbench::Rest
