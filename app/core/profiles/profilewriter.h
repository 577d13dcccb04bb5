#pragma once

#include "core/profiles/connectionprofile.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace Workbench {

class Settings;
class TokenVault;

// How saving or removing a profile with its token ended.
struct ProfileWriteResult
{
    bool ok = false;
    // The keychain did not answer at all (TokenVault::isUnavailable()), so that a token for this
    // session only is worth offering; nothing was saved.
    bool keychainUnavailable = false;
    // One sentence or two: on success what was done, otherwise why and what was (not) kept.
    QString message;
};
using ProfileWriteCallback = std::function<void(const ProfileWriteResult &)>;

// Stores `profile` and, when one is given, its token, for the window as `iwb profile add` does
// it: the token first (into `vault`), then the profile (Settings::setProfile() and sync()).
// Nothing is saved when the settings file cannot be read, the profile is refused or the token
// cannot be stored; when the settings cannot be written, a token just stored is taken out of the
// vault again. No token given keeps the token stored for the profile, if any. Answers through
// `callback` exactly once, never before returning; dropped if `context` goes first.
void saveProfileAndToken(Settings &settings, TokenVault &vault, const ConnectionProfile &profile,
                         const std::optional<QString> &token, QObject *context, ProfileWriteCallback callback);

// Removes the profile `name` and its token: the token first, then the profile (synced). A token
// the keychain cannot remove is said so, the profile removed anyway (as `iwb profile remove`
// does). Nothing is removed when the settings file cannot be read. Answers as above.
void removeProfileAndToken(Settings &settings, TokenVault &vault, const QString &name, QObject *context,
                           ProfileWriteCallback callback);

// Makes `name` the current profile and writes the settings file. Empty on success, otherwise
// why not (a damaged file, no profile of that name, the file cannot be written).
QString useProfile(Settings &settings, const QString &name);

} // namespace Workbench
