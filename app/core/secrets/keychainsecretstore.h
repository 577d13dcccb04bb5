#pragma once

#include "core/secrets/secretstore.h"

namespace Workbench {

// Secrets in the operating system's keychain through QtKeychain: the Secret Service
// (GNOME Keyring, KWallet) on Linux, the Keychain on macOS, the Credential Store on Windows.
// QtKeychain's insecure plaintext fallback stays off.
class KeychainSecretStore : public SecretStore
{
public:
    // All secrets of the workbench are filed under one service name.
    explicit KeychainSecretStore(const QString &service = defaultService());

    static QString defaultService();

    void read(const QString &key, QObject *context, Callback callback) override;
    void write(const QString &key, const QString &value, QObject *context, Callback callback) override;
    void remove(const QString &key, QObject *context, Callback callback) override;
    QString backendName() const override;
    bool isPersistent() const override { return true; }

private:
    QString m_service;
};

} // namespace Workbench
