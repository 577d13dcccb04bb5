#pragma once

#include "core/secrets/memorysecretstore.h"
#include "core/secrets/secretstore.h"

#include <QString>

namespace Workbench {

struct ProfileChoice;

// The API tokens of connection profiles, one secret a profile under
// ConnectionProfile::tokenKey(name), through a SecretStore: the OS keychain in production.
// Every operation answers asynchronously, exactly once, as SecretStore does.
//
// When no keychain answers, explain() says exactly that and what to install or unlock, and
// useSessionOnly() keeps tokens in this process's memory for the rest of the run. There is no
// plaintext fallback: a token is never written to a file.
class TokenVault
{
public:
    // A token is one line of at most this many bytes (UTF-8).
    static constexpr qsizetype MaxTokenBytes = 4096;

    explicit TokenVault(SecretStore &keychain);

    // From now on tokens are read, written and removed in memory only, for this run: for when
    // the keychain does not answer and the user chooses so. Tokens stored before stay where
    // they are.
    void useSessionOnly();
    bool isSessionOnly() const { return m_sessionOnly; }
    // The keychain's name, or "memory (this session only)".
    QString backendName() const;

    void readToken(const QString &profileName, QObject *context, SecretStore::Callback callback);
    // The token a chosen profile is used with: INSTANA_API_TOKEN for the environment's profile,
    // else the keychain's (or this session's). NotFound, with a sentence naming what is missing,
    // when there is none; Other when the choice holds no profile.
    void readTokenFor(const ProfileChoice &choice, QObject *context, SecretStore::Callback callback);
    // A token tokenProblem() refuses is never stored: the answer is Error::Other with that sentence.
    void writeToken(const QString &profileName, const QString &token, QObject *context, SecretStore::Callback callback);
    // Error::NotFound when no token was stored: then nothing is left behind either.
    void removeToken(const QString &profileName, QObject *context, SecretStore::Callback callback);

    // Why `token` is no API token, as a sentence that never repeats it; empty when it is one:
    // not empty, at most MaxTokenBytes, no spaces or control characters.
    static QString tokenProblem(const QString &token);

    // A failed answer as a sentence for people: what the keychain said and what to do about it
    // (install a Secret Service, unlock the "login" collection, open KWallet). Empty on success.
    static QString explain(const SecretStore::Result &result, const QString &profileName);
    // Whether the keychain did not answer at all (no backend, locked, refused), so that a token
    // for this session only is worth offering.
    static bool isUnavailable(const SecretStore::Result &result);

private:
    SecretStore &store();

    SecretStore &m_keychain;
    MemorySecretStore m_session;
    bool m_sessionOnly = false;
};

} // namespace Workbench
