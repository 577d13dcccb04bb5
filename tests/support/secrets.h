#pragma once

#include "core/secrets/secretstore.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace TestSupport {

// Every regular file under `root` that holds `bytes`.
QStringList filesHolding(const QString &root, const QByteArray &bytes);

// Every file under the keyring's scratch directory of tests/support/with-keyring.sh (HOME, the
// XDG dirs, the runtime directory) that holds `bytes`, except the keyring's own files; a line
// saying so when no file at all was searched, so that an empty list means something.
QStringList keyringFilesHolding(const QByteArray &bytes);

// The token of `profile` as a new store of the keychain's `service` reads it, as another run
// of the program would; Error::Other when the keychain gives no answer in time.
Workbench::SecretStore::Result readSecret(const QString &profile, const QString &service = {});

} // namespace TestSupport
