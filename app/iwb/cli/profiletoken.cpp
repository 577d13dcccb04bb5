#include "iwb/cli/profiletoken.h"

#include "core/profiles/tokenvault.h"
#include "core/secrets/keychainsecretstore.h"
#include "core/settings/settings.h"
#include "iwb/cli/command.h"

#include <memory>

namespace Workbench::Cli {
namespace {
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(ProfileToken)
};

// The keychain of one read and the vault over it; owned by the read's callback.
struct Keychain
{
    KeychainSecretStore store;
    TokenVault vault{store};
};
} // namespace

std::optional<ProfileChoice> tenantProfile(Invocation &invocation, const Settings &settings, const QString &requested)
{
    ProfileChoice choice = chooseProfile(settings, requested);
    if (!choice.ok()) {
        invocation.fail(choice.error);
        return std::nullopt;
    }
    if (!choice.profile) {
        if (settings.isDamaged())
            invocation.fail(settings.damage() + u' ' + settings.recoveryHint());
        else
            invocation.fail(Messages::tr("No connection profile to use: name one, make one current with 'iwb "
                                         "profile use NAME', or set INSTANA_BASE_URL and INSTANA_API_TOKEN"));
        return std::nullopt;
    }
    return choice;
}

void withProfileToken(Invocation &invocation, const ProfileChoice &choice, std::function<void(const QString &)> go)
{
    auto keychain = std::make_shared<Keychain>();
    const bool fromEnvironment = choice.source == ProfileChoice::Source::Environment;
    const QString name = choice.profile ? choice.profile->name : QString();
    keychain->vault.readTokenFor(
        choice, &invocation,
        [&invocation, keychain, fromEnvironment, name, go = std::move(go)](const SecretStore::Result &result) {
            if (result.ok())
                return go(result.value);
            if (result.error == SecretStore::Error::NotFound) {
                if (fromEnvironment)
                    return invocation.fail(result.message);
                return invocation.fail(
                    result.message + u' '
                    + Messages::tr("Store one with: iwb profile set-token %1 --token-stdin").arg(name));
            }
            QString sentence = TokenVault::explain(result, name);
            if (TokenVault::isUnavailable(result))
                sentence += u' '
                    + Messages::tr("For this session only, INSTANA_BASE_URL and INSTANA_API_TOKEN make a profile "
                                   "that needs no keychain.");
            invocation.fail(sentence);
        });
}

} // namespace Workbench::Cli
