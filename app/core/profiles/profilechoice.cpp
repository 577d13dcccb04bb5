#include "core/profiles/profilechoice.h"

#include "core/settings/settings.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::ProfileChoice)
};
} // namespace

QString environmentProfileName()
{
    return u"environment"_s;
}

std::optional<ConnectionProfile> environmentProfile(const QProcessEnvironment &environment, QString *token,
                                                    QString *error)
{
    const QString base = environment.value(u"INSTANA_BASE_URL"_s);
    if (base.isEmpty())
        return std::nullopt;
    auto fail = [error](const QString &message) -> std::optional<ConnectionProfile> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    ConnectionProfile profile;
    profile.name = environmentProfileName();
    QString problem;
    const auto url = ConnectionProfile::parseBaseUrl(base, false, &problem);
    if (!url)
        return fail(Messages::tr("INSTANA_BASE_URL is refused: %1").arg(problem));
    profile.baseUrl = *url;
    const QString verify = environment.value(u"INSTANA_SSL_VERIFY"_s).trimmed().toLower();
    if (verify == u"false"_s || verify == u"0"_s)
        profile.verifyTls = false;
    else if (!verify.isEmpty() && verify != u"true"_s && verify != u"1"_s)
        return fail(Messages::tr("INSTANA_SSL_VERIFY is \"%1\"; it is true, false, 1 or 0.")
                        .arg(environment.value(u"INSTANA_SSL_VERIFY"_s)));
    profile.caBundleFile = environment.value(u"INSTANA_CA_BUNDLE"_s);
    if (const QStringList problems = profile.validate(); !problems.isEmpty())
        return fail(
            Messages::tr("The profile of the environment (INSTANA_BASE_URL) is refused: %1").arg(problems.join(u' ')));
    if (token)
        *token = environment.value(u"INSTANA_API_TOKEN"_s);
    return profile;
}

ProfileChoice chooseProfile(const Settings &settings, const QString &requested, const QProcessEnvironment &environment)
{
    ProfileChoice choice;
    auto fromEnvironment = [&] {
        choice.source = ProfileChoice::Source::Environment;
        choice.profile = environmentProfile(environment, &choice.environmentToken, &choice.error);
        if (!choice.profile && choice.error.isEmpty())
            choice.error = Messages::tr("There is no profile of the environment: INSTANA_BASE_URL is not set.");
        return choice;
    };
    auto fromSettings = [&](const QString &name, ProfileChoice::Source source) {
        choice.source = source;
        choice.profile = settings.profile(name, &choice.error);
        return choice;
    };
    if (requested == environmentProfileName())
        return fromEnvironment();
    if (!requested.isEmpty())
        return fromSettings(requested, ProfileChoice::Source::Requested);
    if (!environment.value(u"INSTANA_BASE_URL"_s).isEmpty())
        return fromEnvironment();
    const QString current = settings.currentProfileName();
    if (current.isEmpty())
        return choice;
    fromSettings(current, ProfileChoice::Source::Current);
    if (!choice.ok())
        choice.error += u' ' + Messages::tr("It is the current profile: choose another with `iwb profile use`.");
    return choice;
}

} // namespace Workbench
