#include "core/profiles/profilewriter.h"

#include "core/profiles/profilechoice.h"
#include "core/profiles/tokenvault.h"
#include "core/settings/settings.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::ProfileWriter)
};

// Answers asynchronously, as every answer of a vault.
void answerLater(QObject *context, ProfileWriteCallback callback, ProfileWriteResult result)
{
    QTimer::singleShot(0, context, [callback = std::move(callback), result = std::move(result)] { callback(result); });
}

QString damagedFile(const Settings &settings)
{
    return settings.damage() + u' ' + Messages::tr("Nothing was saved.") + u' ' + settings.recoveryHint();
}

// Writes the profile into the settings file; an empty string on success.
QString storeProfile(Settings &settings, const ConnectionProfile &profile)
{
    if (QString refused = settings.setProfile(profile); !refused.isEmpty())
        return refused;
    return settings.sync();
}
} // namespace

void saveProfileAndToken(Settings &settings, TokenVault &vault, const ConnectionProfile &profile,
                         const std::optional<QString> &token, QObject *context, ProfileWriteCallback callback)
{
    if (settings.isDamaged())
        return answerLater(context, std::move(callback), {false, false, damagedFile(settings)});
    // Checked before the token goes anywhere: a profile that cannot be stored keeps no token.
    if (const QStringList problems = profile.validate(); !problems.isEmpty())
        return answerLater(context, std::move(callback),
                           {false, false, problems.join(u' ') + u' ' + Messages::tr("Nothing was saved.")});
    if (profile.name == environmentProfileName() || !token) {
        const QString error = storeProfile(settings, profile);
        return answerLater(
            context, std::move(callback),
            error.isEmpty() ? ProfileWriteResult{true, false, Messages::tr("Saved the profile %1.").arg(profile.name)}
                            : ProfileWriteResult{false, false, error});
    }
    QPointer<Settings> guard(&settings);
    TokenVault *keys = &vault;
    vault.writeToken(
        profile.name, *token, context,
        [guard, keys, profile, context, callback = std::move(callback)](const SecretStore::Result &written) {
            if (!written.ok()) {
                callback({false, TokenVault::isUnavailable(written),
                          TokenVault::explain(written, profile.name) + u' ' + Messages::tr("Nothing was saved.")});
                return;
            }
            const QString error = guard ? storeProfile(*guard, profile) : Messages::tr("The settings are gone.");
            if (error.isEmpty()) {
                callback(
                    {true, false,
                     Messages::tr("Saved the profile %1, its token in %2.").arg(profile.name, keys->backendName())});
                return;
            }
            keys->removeToken(profile.name, context, [error, callback](const SecretStore::Result &) {
                callback({false, false, error + u' ' + Messages::tr("The token was taken out of the keychain again.")});
            });
        });
}

void removeProfileAndToken(Settings &settings, TokenVault &vault, const QString &name, QObject *context,
                           ProfileWriteCallback callback)
{
    if (settings.isDamaged())
        return answerLater(context, std::move(callback), {false, false, damagedFile(settings)});
    QPointer<Settings> guard(&settings);
    vault.removeToken(name, context, [guard, name, callback = std::move(callback)](const SecretStore::Result &result) {
        if (!guard) {
            callback({false, false, Messages::tr("The settings are gone.")});
            return;
        }
        const bool tokenGone = result.ok() || result.error == SecretStore::Error::NotFound;
        guard->removeProfile(name);
        if (const QString error = guard->sync(); !error.isEmpty()) {
            callback({false, false, error});
            return;
        }
        if (!tokenGone) {
            callback({false, TokenVault::isUnavailable(result),
                      Messages::tr("Removed the profile %1, but its token may be left in the keychain: %2")
                          .arg(name, TokenVault::explain(result, name))});
            return;
        }
        callback({true, false, Messages::tr("Removed the profile %1 and its token.").arg(name)});
    });
}

QString useProfile(Settings &settings, const QString &name)
{
    if (settings.isDamaged())
        return damagedFile(settings);
    if (QString refused = settings.setCurrentProfileName(name); !refused.isEmpty())
        return refused;
    return settings.sync();
}

} // namespace Workbench
