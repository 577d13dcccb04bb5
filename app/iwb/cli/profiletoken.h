#pragma once

#include "core/profiles/profilechoice.h"

#include <QString>

#include <functional>
#include <optional>

namespace Workbench {
class Settings;
}

namespace Workbench::Cli {

class Invocation;

// The profile a command that talks to a tenant uses (chooseProfile(): the profile named, the
// environment's, the current one), or nothing after the invocation failed with one sentence
// saying why (the profile is refused, the settings file is damaged, there is none).
std::optional<ProfileChoice> tenantProfile(Invocation &invocation, const Settings &settings, const QString &requested);

// Reads the token of a chosen profile (INSTANA_API_TOKEN for the environment's, else the
// keychain's) and calls `go` with it from the event loop; or fails the invocation with the
// reason and what to do (store one with `iwb profile set-token`, install or unlock a keychain,
// or use INSTANA_BASE_URL and INSTANA_API_TOKEN for a session).
void withProfileToken(Invocation &invocation, const ProfileChoice &choice, std::function<void(const QString &)> go);

} // namespace Workbench::Cli
