#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace Workbench {

// Where API tokens live. Production uses the OS keychain (KeychainSecretStore); tests and a
// session-only fallback use MemorySecretStore. There is no plaintext fallback.
//
// Every operation answers asynchronously, exactly once, through the callback, which is
// dropped if `context` is destroyed first. The answer never carries a secret in its message,
// and no debug output of this interface prints a value.
class SecretStore
{
public:
    enum class Error {
        None,
        NotFound,
        AccessDenied,
        NoBackend,
        Other,
    };

    struct Result
    {
        Error error = Error::None;
        QString message; // for people; empty on success
        QString value; // the secret, for a successful read only

        bool ok() const { return error == Error::None; }
    };
    using Callback = std::function<void(const Result &)>;

    virtual ~SecretStore();

    virtual void read(const QString &key, QObject *context, Callback callback) = 0;
    virtual void write(const QString &key, const QString &value, QObject *context, Callback callback) = 0;
    virtual void remove(const QString &key, QObject *context, Callback callback) = 0;

    // "Secret Service (GNOME Keyring, KWallet)", "memory (this session only)", ...
    virtual QString backendName() const = 0;
    // False for stores whose secrets are gone when the program exits.
    virtual bool isPersistent() const = 0;

    static QString errorName(Error error);
};

} // namespace Workbench
