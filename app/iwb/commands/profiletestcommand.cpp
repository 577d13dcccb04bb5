#include "iwb/commands/profiletestcommand.h"

#include "core/profiles/profilechoice.h"
#include "core/rest/backendcheck.h"
#include "core/rest/restclient.h"
#include "core/rest/resterror.h"
#include "core/settings/settings.h"
#include "iwb/cli/numberoption.h"
#include "iwb/cli/profiletoken.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

namespace {

// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Cli::ProfileTestCommand)
};

// A backend's text as a terminal may show it: one line, control characters (escapes, line
// breaks) as spaces, and not longer than a line or two.
QString shown(const QString &text)
{
    constexpr qsizetype MaxLength = 200;
    const QString result = Rest::oneLine(text, MaxLength);
    return text.size() > MaxLength ? result + u'…' : result;
}

QString sourceName(ProfileChoice::Source source)
{
    switch (source) {
    case ProfileChoice::Source::Requested:
        return u"requested"_s;
    case ProfileChoice::Source::Environment:
        return u"environment"_s;
    case ProfileChoice::Source::Current:
        return u"current"_s;
    case ProfileChoice::Source::None:
        break;
    }
    return u"none"_s;
}

QJsonValue rateLimitJson(const Rest::RateLimit &rateLimit)
{
    if (!rateLimit.isValid())
        return QJsonValue::Null;
    const auto known = [](qint64 value) { return value >= 0 ? QJsonValue(value) : QJsonValue(); };
    return QJsonObject{
        {u"limit"_s, known(rateLimit.limit)},
        {u"remaining"_s, known(rateLimit.remaining)},
        {u"resetAt"_s, rateLimit.resetAt.isValid() ? QJsonValue(rateLimit.resetAt.toSecsSinceEpoch()) : QJsonValue()},
    };
}

// A version or a health state is a few hundred bytes: more than this is no Instana backend's
// answer, and is not read on (the profile's own ceiling is for the API's large answers).
constexpr qint64 MaxAnswerBytes = qint64(1024) * 1024;

class ProfileTestCommand : public Command
{
public:
    ProfileTestCommand()
        : Command(u"test"_s, Messages::tr("Test a profile's connection: the backend's version and health."))
    {
    }
    QString description() const override
    {
        return Messages::tr(
            "Tests the connection of a profile: asks the backend for its version (GET /api/instana/version) and "
            "health (GET /api/instana/health) with the profile's API token, and prints them with the rate limit "
            "the backend told. Without NAME the profile of the session is tested: INSTANA_BASE_URL's when it is "
            "set, else the current one. The token comes from the OS keychain (INSTANA_API_TOKEN for the "
            "environment's profile) and is never shown. --ca-bundle, --no-verify-tls and --timeout change the "
            "test only, not the profile. Exits 0 when both answers came, 1 with the reason otherwise.");
    }
    QList<QCommandLineOption> options() const override
    {
        return {
            QCommandLineOption(u"ca-bundle"_s,
                               Messages::tr("Trust the certificates in this PEM file besides the system's, for "
                                            "this test."),
                               u"FILE"_s),
            QCommandLineOption(u"no-verify-tls"_s,
                               Messages::tr("Do not check the backend's certificate at all, for this test.")),
            QCommandLineOption(u"timeout"_s,
                               Messages::tr("Give up a request after this many ms without data (1000 to 600000; "
                                            "default: the profile's)."),
                               u"MS"_s),
            QCommandLineOption(u"json"_s, Messages::tr("Print the result as one JSON object.")),
        };
    }
    QStringList fileArguments() const override { return Command::fileArguments() << u"ca-bundle"_s; }
    QList<Positional> positionals() const override
    {
        return {{u"NAME"_s,
                 Messages::tr("The profile ('iwb profile list' shows them; \"environment\" is the one "
                              "INSTANA_BASE_URL makes); without it, the profile of the session."),
                 false}};
    }
    QStringList examples() const override
    {
        return {
            u"iwb profile test acme"_s, u"iwb profile test lab --ca-bundle lab-ca.pem --json"_s,
            u"INSTANA_BASE_URL=https://unit-acme.instana.io INSTANA_API_TOKEN=\"$(pass show instana/acme)\" iwb profile test"_s};
    }

    void run(Invocation &invocation) override
    {
        const QStringList arguments = invocation.positionalArguments();
        const QString requested = arguments.value(0);
        if (arguments.size() == 1 && requested.isEmpty())
            return invocation.usageError(Messages::tr("NAME is empty; give a profile's name, or none for the "
                                                      "profile of the session"));
        const Settings settings;
        const auto choice = tenantProfile(invocation, settings, requested);
        if (!choice)
            return;
        ConnectionProfile profile = *choice->profile;
        if (!applyOverrides(invocation, profile))
            return;
        const ProfileChoice::Source source = choice->source;
        withProfileToken(invocation, *choice, [&invocation, profile, source](const QString &token) {
            check(invocation, profile, source, token);
        });
    }

private:
    // --ca-bundle, --no-verify-tls and --timeout, for this test only; false after a usage error.
    static bool applyOverrides(Invocation &invocation, ConnectionProfile &profile)
    {
        if (invocation.isSet(u"ca-bundle"_s)) {
            // An empty name is refused before the command runs, as for every file argument.
            profile.caBundleFile = QFileInfo(invocation.value(u"ca-bundle"_s)).absoluteFilePath();
        }
        if (invocation.isSet(u"no-verify-tls"_s))
            profile.verifyTls = false;
        if (invocation.isSet(u"timeout"_s)) {
            const auto ms = wholeNumberOption(invocation, u"timeout"_s, ConnectionProfile::MinTimeout.count(),
                                              ConnectionProfile::MaxTimeout.count(), NumberUnit::Milliseconds);
            if (!ms)
                return false;
            profile.timeout = std::chrono::milliseconds(*ms);
        }
        if (const QStringList problems = profile.validate(); !problems.isEmpty()) {
            invocation.usageError(problems.join(u' '));
            return false;
        }
        return true;
    }

    static void warn(Invocation &invocation, const QString &sentence)
    {
        invocation.err() << invocation.commandPath() << ": " << Messages::tr("warning: %1").arg(sentence) << '\n';
        invocation.err().flush();
    }

    static void check(Invocation &invocation, const ConnectionProfile &profile, ProfileChoice::Source source,
                      const QString &token)
    {
        const QUrl &base = profile.baseUrl;
        if (base.scheme() == u"https"_s && !profile.verifyTls)
            warn(invocation,
                 Messages::tr("TLS verification is off: the certificate of %1 is not checked, so "
                              "anyone in between may read the token")
                     .arg(base.host()));
        else if (base.scheme() == u"http"_s && !Rest::RestClient::isLoopbackHost(base.host()))
            warn(invocation,
                 Messages::tr("%1 is plain http: the token travels unencrypted").arg(base.toDisplayString()));

        Rest::ConnectionOptions options = profile.options();
        options.maxResponseBytes = std::min(options.maxResponseBytes, MaxAnswerBytes);
        auto *client = new Rest::RestClient(options, token, invocation.network(), &invocation);
        auto *test = new Rest::BackendCheck(client, &invocation);
        QObject::connect(test, &Rest::BackendCheck::finished, &invocation,
                         [&invocation, profile, source](Rest::BackendCheck *done) {
                             report(invocation, profile, source, done->status());
                         });
        test->start();
    }

    static void report(Invocation &invocation, const ConnectionProfile &profile, ProfileChoice::Source source,
                       Rest::BackendStatus status)
    {
        if (status.error == Rest::Error::TooLarge)
            status.errorString = Messages::tr("%1 answered with more than %2 bytes, which no version or health "
                                              "state is: is it an Instana backend?")
                                     .arg(profile.baseUrl.toDisplayString(), QLocale::c().toString(MaxAnswerBytes));
        if (invocation.isSet(u"json"_s)) {
            QJsonObject result{
                {u"profile"_s, profile.name},
                {u"source"_s, sourceName(source)},
                {u"baseUrl"_s, profile.baseUrl.toString()},
                {u"verifyTls"_s, profile.verifyTls},
                {u"ok"_s, status.ok()},
                {u"rateLimit"_s, rateLimitJson(status.rateLimit)},
            };
            if (status.ok()) {
                result.insert(u"version"_s,
                              QJsonObject{{u"branch"_s, status.branch},
                                          {u"commit"_s, status.commit},
                                          {u"imageTag"_s, status.imageTag}});
                result.insert(u"health"_s,
                              QJsonObject{{u"health"_s, status.health},
                                          {u"messages"_s, QJsonArray::fromStringList(status.healthMessages)}});
            } else {
                result.insert(u"error"_s, Rest::errorName(status.error));
                result.insert(u"message"_s, status.errorString);
            }
            invocation.printJson(QJsonDocument(result));
        } else if (status.ok()) {
            QTextStream &out = invocation.out();
            out << Messages::tr("profile:    %1 (%2)").arg(profile.name, profile.baseUrl.toDisplayString()) << '\n';
            out << Messages::tr("version:    %1").arg(shown(status.versionText())) << '\n';
            if (!status.commit.isEmpty())
                out << Messages::tr("commit:     %1").arg(shown(status.commit)) << '\n';
            QStringList messages;
            for (const QString &message : status.healthMessages)
                messages.append(shown(message));
            out << (messages.isEmpty() ? Messages::tr("health:     %1").arg(status.health)
                                       : Messages::tr("health:     %1: %2").arg(status.health, messages.join(u"; "_s)))
                << '\n';
            const QString rate = status.rateLimit.toText();
            out << (rate.isEmpty() ? Messages::tr("rate limit: not told (no X-RateLimit headers)")
                                   : Messages::tr("rate limit: %1").arg(rate))
                << '\n';
        }
        if (status.ok())
            return invocation.succeed();
        invocation.fail(status.errorString);
    }
};

} // namespace

std::unique_ptr<Command> makeProfileTestCommand()
{
    return std::make_unique<ProfileTestCommand>();
}

} // namespace Workbench::Cli
