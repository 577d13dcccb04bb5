#include "iwb/commands/profilecommand.h"

#include "core/agentapi/agentendpoint.h"
#include "core/profiles/profilechoice.h"
#include "core/profiles/tokenvault.h"
#include "core/secrets/keychainsecretstore.h"
#include "core/settings/settings.h"
#include "iwb/cli/numberoption.h"
#include "iwb/cli/tokeninput.h"
#include "iwb/commands/profiletestcommand.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

namespace {

// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Cli::ProfileCommand)
};

const auto tokenStdin = u"token-stdin"_s;

Positional nameArgument()
{
    return {u"NAME"_s, Messages::tr("The profile: letters, digits, '.', '_' and '-' ('iwb profile list' shows them).")};
}

QCommandLineOption tokenStdinOption()
{
    return {tokenStdin,
            Messages::tr("Read the API token from standard input (one line). Without it, on a terminal, the token "
                         "is asked for without echo. It never goes on the command line.")};
}

// The keychain of this run and the vault over it; owned by the invocation, which outlives every
// answer (its event loop runs until the command ends).
struct Keychain
{
    KeychainSecretStore store;
    TokenVault vault{store};
};

std::shared_ptr<Keychain> keychain()
{
    return std::make_shared<Keychain>();
}

// A name given on the command line that is no profile name: a usage error.
bool checkName(Invocation &invocation, const QString &name)
{
    const QString problem = ConnectionProfile::nameProblem(name);
    if (problem.isEmpty())
        return true;
    invocation.usageError(problem);
    return false;
}

// A settings file that cannot be read is never written: ends the invocation and returns false.
bool checkWritable(Invocation &invocation, const Settings &settings)
{
    if (!settings.isDamaged())
        return true;
    invocation.fail(settings.damage() + u' ' + Messages::tr("Nothing was changed.") + u' ' + settings.recoveryHint());
    return false;
}

// The token of this run, from standard input or the terminal. Nothing and the invocation ended
// on a problem; nothing and not ended when `optional` and none was given.
std::optional<QString> tokenFor(Invocation &invocation, const QString &name, bool optional)
{
    TokenInput input;
    if (invocation.isSet(tokenStdin)) {
        input = readTokenFromStandardInput();
    } else if (standardInputIsTerminal()) {
        const QString prompt = optional
            ? Messages::tr("API token of the profile %1 (not shown; Enter for none): ").arg(name)
            : Messages::tr("API token of the profile %1 (not shown): ").arg(name);
        input = promptForToken(prompt, invocation.err(), optional);
    } else if (optional) {
        return std::nullopt;
    } else {
        invocation.usageError(Messages::tr("give the token on standard input with --token-stdin, or run on a "
                                           "terminal to be asked for it"));
        return std::nullopt;
    }
    if (!input.error.isEmpty())
        invocation.fail(input.error);
    return input.token;
}

QString agentText(const ConnectionProfile &profile)
{
    return profile.agentUrl.isEmpty() ? Messages::tr("agent.url or the default")
                                      : AgentEndpoint::displayName(profile.agentUrl);
}

QJsonObject profileJson(const ConnectionProfile &profile)
{
    return {
        {u"name"_s, profile.name},
        {u"baseUrl"_s, profile.baseUrl.toString()},
        {u"agentUrl"_s, profile.agentUrl.isEmpty() ? QJsonValue() : QJsonValue(profile.agentUrl.toString())},
        {u"verifyTls"_s, profile.verifyTls},
        {u"caBundle"_s, profile.caBundleFile.isEmpty() ? QJsonValue() : QJsonValue(profile.caBundleFile)},
        {u"allowHttp"_s, profile.allowHttp},
        {u"proxy"_s, proxyModeName(profile.proxy)},
        {u"proxyUrl"_s,
         profile.proxy == Rest::ProxyMode::Manual ? QJsonValue(profile.proxyUrl.toString()) : QJsonValue()},
        {u"timeoutMs"_s, qint64(profile.timeout.count())},
        {u"maxResponseBytes"_s, profile.maxResponseBytes},
    };
}

class AddCommand : public Command
{
public:
    AddCommand()
        : Command(u"add"_s, Messages::tr("Add a connection profile, its token into the keychain."))
    {
    }
    QString description() const override
    {
        return Messages::tr(
            "Adds a connection profile: an Instana tenant's base URL, the agent that events and spans go to "
            "while it is used, and how to reach the tenant. The settings file keeps the profile; its API token "
            "goes to the OS keychain only, never to a file. With --token-stdin the token is read from standard "
            "input; without it, on a terminal, it is asked for without echo (Enter for none); otherwise the "
            "profile is saved without a token (add one later with 'iwb profile set-token'). When the keychain "
            "cannot store the token, nothing is saved. A profile of the same name is replaced only with "
            "--replace; its token is then kept unless a new one is given.");
    }
    QList<QCommandLineOption> options() const override
    {
        return {
            QCommandLineOption(u"url"_s, Messages::tr("The tenant's base URL, e.g. https://unit-tenant.instana.io."),
                               u"URL"_s),
            QCommandLineOption(u"agent"_s,
                               Messages::tr("The agent that events and spans go to while this profile is used "
                                            "(default: agent.url, else 127.0.0.1:42699)."),
                               u"URL"_s),
            tokenStdinOption(),
            QCommandLineOption(u"allow-http"_s,
                               Messages::tr("Allow plain http:// to a host that is not loopback (the token then "
                                            "travels unencrypted).")),
            QCommandLineOption(u"ca-bundle"_s,
                               Messages::tr("Trust the certificates in this PEM file besides the system's."),
                               u"FILE"_s),
            QCommandLineOption(u"no-verify-tls"_s,
                               Messages::tr("Do not check the tenant's certificate at all (only for a test tenant).")),
            QCommandLineOption(u"timeout"_s,
                               Messages::tr("Give up a request after this many ms without data (1000 to 600000; "
                                            "default 30000)."),
                               u"MS"_s),
            QCommandLineOption(u"proxy"_s,
                               Messages::tr("How requests reach the tenant: system (the system's proxy settings, "
                                            "the default), none, or a proxy's URL (http://host:port or "
                                            "socks5://host:port)."),
                               u"system|none|URL"_s),
            QCommandLineOption(u"replace"_s, Messages::tr("Replace the profile of this name if there is one.")),
        };
    }
    QStringList fileArguments() const override { return Command::fileArguments() << u"ca-bundle"_s; }
    QList<Positional> positionals() const override { return {nameArgument()}; }
    QStringList examples() const override
    {
        return {u"iwb profile add acme --url https://unit-acme.instana.io"_s,
                u"printf %s \"$TOKEN\" | iwb profile add acme --url https://unit-acme.instana.io --token-stdin"_s,
                u"iwb profile add lab --url https://instana.lab:8443 --ca-bundle lab-ca.pem --agent 10.0.0.5"_s};
    }

    void run(Invocation &invocation) override
    {
        const QString name = invocation.positionalArguments().constFirst();
        if (!checkName(invocation, name))
            return;
        if (name == environmentProfileName())
            return invocation.usageError(Messages::tr("\"%1\" is the profile INSTANA_BASE_URL makes; choose another "
                                                      "name")
                                             .arg(name));
        if (!invocation.isSet(u"url"_s))
            return invocation.usageError(
                Messages::tr("--url is needed: the tenant's base URL, e.g. https://unit-tenant.instana.io"));
        ConnectionProfile profile;
        profile.name = name;
        profile.allowHttp = invocation.isSet(u"allow-http"_s);
        profile.verifyTls = !invocation.isSet(u"no-verify-tls"_s);
        QString error;
        const auto base = ConnectionProfile::parseBaseUrl(invocation.value(u"url"_s), profile.allowHttp, &error);
        if (!base)
            return invocation.usageError(u"--url: "_s + error);
        profile.baseUrl = *base;
        if (invocation.isSet(u"agent"_s)) {
            const auto agent = AgentEndpoint::parse(invocation.value(u"agent"_s), &error);
            if (!agent)
                return invocation.usageError(u"--agent: "_s + error);
            profile.agentUrl = *agent;
        }
        if (invocation.isSet(u"ca-bundle"_s))
            profile.caBundleFile = QFileInfo(invocation.value(u"ca-bundle"_s)).absoluteFilePath();
        if (invocation.isSet(u"timeout"_s)) {
            const auto ms = wholeNumberOption(invocation, u"timeout"_s, ConnectionProfile::MinTimeout.count(),
                                              ConnectionProfile::MaxTimeout.count(), NumberUnit::Milliseconds);
            if (!ms)
                return;
            profile.timeout = std::chrono::milliseconds(*ms);
        }
        if (invocation.isSet(u"proxy"_s)) {
            const QString proxy = invocation.value(u"proxy"_s).trimmed();
            if (proxy.contains(u"://"_s)) {
                profile.proxy = Rest::ProxyMode::Manual;
                profile.proxyUrl = QUrl(proxy, QUrl::StrictMode);
            } else if (const auto mode = parseProxyMode(proxy); mode && *mode != Rest::ProxyMode::Manual) {
                profile.proxy = *mode;
            } else {
                return invocation.usageError(
                    Messages::tr("--proxy takes system, none or a proxy's URL, not \"%1\"").arg(proxy));
            }
        }
        if (const QStringList problems = profile.validate(); !problems.isEmpty())
            return invocation.usageError(problems.join(u' '));

        auto settings = std::make_shared<Settings>();
        if (!checkWritable(invocation, *settings))
            return;
        if (settings->hasProfile(name) && !invocation.isSet(u"replace"_s))
            return invocation.fail(
                Messages::tr("a profile named \"%1\" exists; add --replace to replace it").arg(name));

        const auto token = tokenFor(invocation, name, true);
        if (invocation.isFinished())
            return;
        if (!token)
            return save(invocation, settings, profile, {});

        auto keys = keychain();
        keys->vault.writeToken(name, *token, &invocation,
                               [&invocation, settings, profile, keys](const SecretStore::Result &result) {
                                   if (!result.ok())
                                       return invocation.fail(TokenVault::explain(result, profile.name) + u' '
                                                              + Messages::tr("Nothing was saved."));
                                   save(invocation, settings, profile, keys);
                               });
    }

private:
    // Writes the profile; when that fails, takes a token stored for it out of the keychain again.
    static void save(Invocation &invocation, const std::shared_ptr<Settings> &settings,
                     const ConnectionProfile &profile, const std::shared_ptr<Keychain> &keys)
    {
        if (const QString refused = settings->setProfile(profile); !refused.isEmpty())
            return invocation.fail(refused);
        const QString error = settings->sync();
        if (error.isEmpty()) {
            if (keys)
                invocation.out() << Messages::tr("Saved the profile %1, its token in the keychain (%2).")
                                        .arg(profile.name, keys->vault.backendName())
                                 << '\n';
            else
                invocation.out() << Messages::tr("Saved the profile %1 without a token.").arg(profile.name) << '\n';
            return invocation.succeed();
        }
        if (!keys)
            return invocation.fail(error);
        keys->vault.removeToken(profile.name, &invocation, [&invocation, error](const SecretStore::Result &) {
            invocation.fail(error + u' ' + Messages::tr("The token was taken out of the keychain again."));
        });
    }
};

class ListCommand : public Command
{
public:
    ListCommand()
        : Command(u"list"_s, Messages::tr("Show the connection profiles, the current one marked."))
    {
    }
    QString description() const override
    {
        return Messages::tr(
            "Shows the connection profiles of the settings file, the current one marked with '*', and the "
            "profile of the environment when INSTANA_BASE_URL is set (it wins over the current one). A session "
            "uses --profile NAME when given, else the environment's profile, else the current one. Tokens are "
            "neither shown nor looked up (the keychain might ask to be unlocked).");
    }
    QList<QCommandLineOption> options() const override
    {
        return {QCommandLineOption(u"json"_s, Messages::tr("Print the profiles as a JSON array."))};
    }
    void run(Invocation &invocation) override
    {
        const Settings settings;
        if (settings.isDamaged())
            invocation.err() << invocation.commandPath() << ": warning: " << settings.damage() << ' '
                             << settings.recoveryHint() << '\n';
        const bool json = invocation.isSet(u"json"_s);
        const QString current = settings.currentProfileName();
        const ProfileChoice active = chooseProfile(settings);
        QJsonArray rows;
        auto add = [&](const QString &name, const std::optional<ConnectionProfile> &profile, const QString &refusal,
                       bool isCurrent, bool fromEnvironment) {
            const bool isActive = active.profile && active.profile->name == name
                && (active.source == ProfileChoice::Source::Environment) == fromEnvironment;
            if (json) {
                QJsonObject row = profile ? profileJson(*profile) : QJsonObject{{u"name"_s, name}};
                row.insert(u"current"_s, isCurrent);
                row.insert(u"active"_s, isActive);
                if (fromEnvironment)
                    row.insert(u"environment"_s, true);
                if (!refusal.isEmpty())
                    row.insert(u"refused"_s, refusal);
                rows.append(row);
                return;
            }
            invocation.out() << (isCurrent ? "* " : "  ") << name;
            if (profile)
                invocation.out() << "  " << profile->baseUrl.toString() << "  "
                                 << Messages::tr("agent: %1").arg(agentText(*profile));
            if (fromEnvironment)
                invocation.out() << "  " << Messages::tr("(INSTANA_BASE_URL)");
            if (isActive)
                invocation.out() << "  " << Messages::tr("(in use)");
            if (!refusal.isEmpty())
                invocation.out() << "\n    " << refusal;
            invocation.out() << '\n';
        };
        for (const QString &name : settings.profileNames()) {
            QString refusal;
            const auto profile = settings.profile(name, &refusal);
            add(name, profile, profile ? QString() : refusal, name == current, false);
        }
        if (!current.isEmpty() && !settings.hasProfile(current))
            add(current, std::nullopt, Messages::tr("The current profile is not in the settings file."), true, false);
        const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        if (!environment.value(u"INSTANA_BASE_URL"_s).isEmpty()) {
            QString refusal;
            const auto profile = environmentProfile(environment, nullptr, &refusal);
            add(environmentProfileName(), profile, refusal, false, true);
        }
        if (json)
            invocation.printJson(QJsonDocument(rows));
        else if (rows.isEmpty() && settings.profileNames().isEmpty()
                 && environment.value(u"INSTANA_BASE_URL"_s).isEmpty())
            invocation.out() << Messages::tr("No profiles. Add one with: iwb profile add NAME --url URL") << '\n';
        invocation.succeed();
    }
};

class RemoveCommand : public Command
{
public:
    RemoveCommand()
        : Command(u"remove"_s, Messages::tr("Remove a connection profile and its token from the keychain."))
    {
    }
    QString description() const override
    {
        return Messages::tr(
            "Removes a connection profile from the settings file and its token from the keychain. When the "
            "keychain does not answer, the profile is removed all the same and the command fails, saying that "
            "the token may be left behind: run it again when the keychain answers, and it removes the token "
            "left by the profile.");
    }
    QList<Positional> positionals() const override { return {nameArgument()}; }
    void run(Invocation &invocation) override
    {
        const QString name = invocation.positionalArguments().constFirst();
        auto settings = std::make_shared<Settings>();
        const bool stored = settings->hasProfile(name);
        // A name the file holds is removed whatever it is, so that a refused profile can go too.
        if (!stored && !checkName(invocation, name))
            return;
        if (!checkWritable(invocation, *settings))
            return;
        auto keys = keychain();
        if (stored)
            return removeBoth(invocation, settings, name, keys);
        // No such profile: a token it left behind is looked for first (a keychain may answer a
        // removal of nothing as done).
        keys->vault.readToken(name, &invocation, [&invocation, name, keys](const SecretStore::Result &found) {
            if (found.error == SecretStore::Error::NotFound)
                return invocation.fail(Messages::tr("there is no profile named \"%1\"").arg(name));
            if (!found.ok())
                return invocation.fail(TokenVault::explain(found, name));
            keys->vault.removeToken(name, &invocation, [&invocation, name](const SecretStore::Result &result) {
                if (!result.ok() && result.error != SecretStore::Error::NotFound)
                    return invocation.fail(TokenVault::explain(result, name));
                invocation.out() << Messages::tr("Removed the token the profile %1 left in the keychain.").arg(name)
                                 << '\n';
                invocation.succeed();
            });
        });
    }

private:
    static void removeBoth(Invocation &invocation, const std::shared_ptr<Settings> &settings, const QString &name,
                           const std::shared_ptr<Keychain> &keys)
    {
        keys->vault.removeToken(name, &invocation, [&invocation, settings, name](const SecretStore::Result &result) {
            const bool tokenGone = result.ok() || result.error == SecretStore::Error::NotFound;
            settings->removeProfile(name);
            if (const QString error = settings->sync(); !error.isEmpty())
                return invocation.fail(error);
            if (!tokenGone)
                return invocation.fail(
                    Messages::tr("Removed the profile %1, but its token may be left in the keychain: %2 Run 'iwb "
                                 "profile remove %1' again when the keychain answers.")
                        .arg(name, TokenVault::explain(result, name)));
            invocation.out() << Messages::tr("Removed the profile %1; the keychain holds no token of it.").arg(name)
                             << '\n';
            invocation.succeed();
        });
    }
};

class SetTokenCommand : public Command
{
public:
    SetTokenCommand()
        : Command(u"set-token"_s, Messages::tr("Store the API token of a profile in the keychain."))
    {
    }
    QString description() const override
    {
        return Messages::tr("Stores the API token of a connection profile in the OS keychain, replacing the one "
                            "there. The token is read from standard input with --token-stdin (one line), or "
                            "asked for without echo on a terminal; never from the command line.");
    }
    QList<QCommandLineOption> options() const override { return {tokenStdinOption()}; }
    QList<Positional> positionals() const override { return {nameArgument()}; }
    QStringList examples() const override
    {
        return {u"iwb profile set-token acme"_s,
                u"pass show instana/acme | iwb profile set-token acme --token-stdin"_s};
    }
    void run(Invocation &invocation) override
    {
        const QString name = invocation.positionalArguments().constFirst();
        if (!checkName(invocation, name))
            return;
        const Settings settings;
        if (!settings.hasProfile(name)) {
            QString refusal;
            settings.profile(name, &refusal);
            return invocation.fail(refusal);
        }
        const auto token = tokenFor(invocation, name, false);
        if (!token)
            return;
        auto keys = keychain();
        keys->vault.writeToken(name, *token, &invocation, [&invocation, name, keys](const SecretStore::Result &result) {
            if (!result.ok())
                return invocation.fail(TokenVault::explain(result, name));
            invocation.out() << Messages::tr("Stored the token of the profile %1 in the keychain (%2).")
                                    .arg(name, keys->vault.backendName())
                             << '\n';
            invocation.succeed();
        });
    }
};

class UseCommand : public Command
{
public:
    UseCommand()
        : Command(u"use"_s, Messages::tr("Make a profile the current one."))
    {
    }
    QString description() const override
    {
        return Messages::tr("Makes a connection profile the current one, for the window and iwb: its agent "
                            "receives events and spans (when it has one), its tenant is browsed. "
                            "INSTANA_BASE_URL and --profile still win over it. --none leaves no profile current.");
    }
    QList<QCommandLineOption> options() const override
    {
        return {QCommandLineOption(u"none"_s, Messages::tr("Leave no profile current."))};
    }
    QList<Positional> positionals() const override
    {
        Positional name = nameArgument();
        name.required = false;
        return {name};
    }
    void run(Invocation &invocation) override
    {
        const QStringList arguments = invocation.positionalArguments();
        const bool none = invocation.isSet(u"none"_s);
        if (arguments.isEmpty() == !none)
            return invocation.usageError(Messages::tr("give a profile's NAME or --none"));
        const QString name = none ? QString() : arguments.constFirst();
        if (!none && !checkName(invocation, name))
            return;
        Settings settings;
        if (!checkWritable(invocation, settings))
            return;
        QString refusal;
        if (!none && !settings.profile(name, &refusal))
            return invocation.fail(refusal);
        if (const QString error = settings.setCurrentProfileName(name); !error.isEmpty())
            return invocation.fail(error);
        if (const QString error = settings.sync(); !error.isEmpty())
            return invocation.fail(error);
        invocation.succeed();
    }
};

class ProfileGroup : public CommandGroup
{
public:
    ProfileGroup()
        : CommandGroup(u"profile"_s, Messages::tr("Connection profiles: Instana tenants and their tokens."))
    {
    }
    QString description() const override
    {
        return Messages::tr(
            "Connection profiles, shared with the window: an Instana tenant's base URL, the agent that events "
            "and spans go to, TLS and timeout. The settings file keeps them without any secret; API tokens live "
            "in the OS keychain only (Secret Service, KWallet, Keychain, Credential Manager). The environment "
            "gives a profile for one session: INSTANA_BASE_URL with INSTANA_API_TOKEN (and INSTANA_SSL_VERIFY, "
            "INSTANA_CA_BUNDLE).");
    }
};

} // namespace

std::unique_ptr<CommandGroup> makeProfileCommand()
{
    auto group = std::make_unique<ProfileGroup>();
    group->add(std::make_unique<AddCommand>());
    group->add(std::make_unique<ListCommand>());
    group->add(std::make_unique<RemoveCommand>());
    group->add(std::make_unique<SetTokenCommand>());
    group->add(std::make_unique<UseCommand>());
    group->add(makeProfileTestCommand());
    return group;
}

} // namespace Workbench::Cli
