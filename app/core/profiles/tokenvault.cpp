#include "core/profiles/tokenvault.h"

#include "core/profiles/profilechoice.h"

#include "core/profiles/connectionprofile.h"

#include <QCoreApplication>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::TokenVault)
};
} // namespace

TokenVault::TokenVault(SecretStore &keychain)
    : m_keychain(keychain)
{
}

void TokenVault::useSessionOnly()
{
    m_sessionOnly = true;
}

QString TokenVault::backendName() const
{
    return m_sessionOnly ? m_session.backendName() : m_keychain.backendName();
}

SecretStore &TokenVault::store()
{
    return m_sessionOnly ? static_cast<SecretStore &>(m_session) : m_keychain;
}

void TokenVault::readToken(const QString &profileName, QObject *context, SecretStore::Callback callback)
{
    store().read(ConnectionProfile::tokenKey(profileName), context, std::move(callback));
}

void TokenVault::readTokenFor(const ProfileChoice &choice, QObject *context, SecretStore::Callback callback)
{
    const auto answer = [context, &callback](const SecretStore::Result &result) {
        // Asynchronously, as every answer of a store.
        QTimer::singleShot(0, context, [result, callback = std::move(callback)] { callback(result); });
    };
    if (!choice.profile)
        return answer({SecretStore::Error::Other, Messages::tr("No connection profile was chosen."), {}});
    if (choice.source == ProfileChoice::Source::Environment) {
        if (choice.environmentToken.isEmpty())
            return answer({SecretStore::Error::NotFound,
                           Messages::tr("The profile of the environment has no token: set INSTANA_API_TOKEN beside "
                                        "INSTANA_BASE_URL."),
                           {}});
        return answer({SecretStore::Error::None, {}, choice.environmentToken});
    }
    const QString name = choice.profile->name;
    readToken(name, context, [name, callback = std::move(callback)](const SecretStore::Result &result) {
        if (result.error == SecretStore::Error::NotFound)
            return callback({SecretStore::Error::NotFound,
                             Messages::tr("The keychain holds no token of the profile %1.").arg(name),
                             {}});
        callback(result);
    });
}

void TokenVault::writeToken(const QString &profileName, const QString &token, QObject *context,
                            SecretStore::Callback callback)
{
    if (const QString problem = tokenProblem(token); !problem.isEmpty()) {
        // Asynchronously, as every answer of a store.
        QTimer::singleShot(0, context, [problem, callback = std::move(callback)] {
            callback({SecretStore::Error::Other, problem, {}});
        });
        return;
    }
    store().write(ConnectionProfile::tokenKey(profileName), token, context, std::move(callback));
}

void TokenVault::removeToken(const QString &profileName, QObject *context, SecretStore::Callback callback)
{
    store().remove(ConnectionProfile::tokenKey(profileName), context, std::move(callback));
}

QString TokenVault::tokenProblem(const QString &token)
{
    if (token.isEmpty())
        return Messages::tr("The token is empty.");
    if (token.toUtf8().size() > MaxTokenBytes)
        return Messages::tr("The token is longer than %1 bytes; an API token is much shorter.").arg(MaxTokenBytes);
    const bool clean = std::none_of(token.begin(), token.end(), [](QChar c) { return c.isSpace() || !c.isPrint(); });
    if (!clean)
        return Messages::tr("The token holds spaces or control characters; an API token has none.");
    return {};
}

bool TokenVault::isUnavailable(const SecretStore::Result &result)
{
    return result.error == SecretStore::Error::NoBackend || result.error == SecretStore::Error::AccessDenied;
}

QString TokenVault::explain(const SecretStore::Result &result, const QString &profileName)
{
    switch (result.error) {
    case SecretStore::Error::None:
        return {};
    case SecretStore::Error::NotFound:
        return Messages::tr("No token is stored for the profile \"%1\".").arg(profileName);
    case SecretStore::Error::NoBackend:
        return Messages::tr("No keychain answers: no Secret Service can be reached on the session D-Bus. Install one "
                            "(the gnome-keyring package, or KWallet on KDE) and log in again; a token is never "
                            "written in plain text.");
    case SecretStore::Error::AccessDenied:
        return Messages::tr("The keychain refused access to the token of the profile \"%1\": its collection is "
                            "locked or access was denied. Unlock the \"login\" collection (Passwords and Keys) or "
                            "open KWallet, then try again.")
            .arg(profileName);
    case SecretStore::Error::Other:
        break;
    }
    return result.message.isEmpty()
        ? Messages::tr("The keychain failed for the token of the profile \"%1\".").arg(profileName)
        : result.message;
}

} // namespace Workbench
