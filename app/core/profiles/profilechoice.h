#pragma once

#include "core/profiles/connectionprofile.h"

#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace Workbench {

class Settings;

// "environment": the name of the profile INSTANA_BASE_URL makes, never stored.
QString environmentProfileName();

// The connection profile a session uses, and where it came from.
struct ProfileChoice
{
    enum class Source {
        None, // no profile at all: no --profile, no INSTANA_BASE_URL, no current profile
        Requested, // named by the user for this run (iwb --profile NAME)
        Environment, // INSTANA_BASE_URL (and INSTANA_API_TOKEN, ...)
        Current, // the settings' current profile
    };
    Source source = Source::None;
    // Set unless source is None or the choice is refused.
    std::optional<ConnectionProfile> profile;
    // For Source::Environment: INSTANA_API_TOKEN, empty when unset (tokenless calls are then
    // refused by whoever needs a token). Never shown, logged or written.
    QString environmentToken;
    // Why the profile that would be used is refused, as a sentence; empty when it is not. A
    // refused choice is never replaced by the next in order: nothing may reach a tenant or an
    // agent the operator did not choose.
    QString error;

    bool ok() const { return error.isEmpty(); }
};

// The profile of the environment, as Instana's own tools read it: INSTANA_BASE_URL (its base
// URL; http:// only to loopback), INSTANA_API_TOKEN (into *token), INSTANA_SSL_VERIFY ("false"
// or "0" turns verification off; "true", "1" or unset keep it on) and INSTANA_CA_BUNDLE (a PEM
// file). Nothing when INSTANA_BASE_URL is unset or empty; nothing and *error when it is refused.
std::optional<ConnectionProfile> environmentProfile(const QProcessEnvironment &environment, QString *token,
                                                    QString *error);

// The one place that decides which profile a session uses, for iwb and the window alike:
//   1. `requested` (iwb's --profile NAME; "environment" names the environment's profile);
//   2. the environment's profile, when INSTANA_BASE_URL is set;
//   3. the settings' current profile;
//   4. none.
ProfileChoice chooseProfile(const Settings &settings, const QString &requested = {},
                            const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

} // namespace Workbench
