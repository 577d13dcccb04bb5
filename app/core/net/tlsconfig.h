#pragma once

#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace Workbench {

// The TLS configuration of requests to one server: the system's trusted certificates, plus those
// of `caBundleFile` (PEM, one or more certificates) when it is not empty; with `verify` off,
// the peer is not checked at all. Nothing, and *error set to a sentence naming the file, when
// the bundle cannot be read, holds no PEM certificate (a DER file is named as such), or holds one
// that cannot be read: a bundle is taken whole or not at all.
std::optional<QSslConfiguration> tlsConfiguration(bool verify, const QString &caBundleFile, QString *error = nullptr);

} // namespace Workbench
