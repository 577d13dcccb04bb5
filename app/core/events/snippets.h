#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace Workbench::Snippets {

enum class Language {
    Curl,
    PowerShell,
    Ruby,
    Python,
};

QList<Language> languages();
// "curl", "PowerShell", "Ruby", "Python".
QString name(Language language);

// A program that sends `body` to `url` as the agent's docs show it: curl with -H and -d, PowerShell's
// Invoke-RestMethod, Ruby's Net::HTTP and Python's urllib (standard library only). The body
// is embedded byte for byte, quoted for the language; the URL loses any user name and password.
QString snippet(Language language, const QUrl &url, const QByteArray &body);

} // namespace Workbench::Snippets
