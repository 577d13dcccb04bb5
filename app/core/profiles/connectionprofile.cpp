#include "core/profiles/connectionprofile.h"

#include "core/agentapi/agentendpoint.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::ConnectionProfile)
};

bool isNameCharacter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'_'
        || c == u'-';
}
} // namespace

QString ConnectionProfile::tokenKey(const QString &name)
{
    return u"profile/"_s + name;
}

QString ConnectionProfile::nameProblem(const QString &name)
{
    if (name.isEmpty())
        return Messages::tr("A profile needs a name.");
    if (name.size() > MaxNameLength)
        return Messages::tr("A profile name has at most %1 characters.").arg(MaxNameLength);
    if (!std::all_of(name.begin(), name.end(), isNameCharacter))
        return Messages::tr("The profile name \"%1\" may hold only letters, digits, '.', '_' and '-'.").arg(name);
    if (name.startsWith(u'.') || name.startsWith(u'-'))
        return Messages::tr("The profile name \"%1\" must not start with '.' or '-'.").arg(name);
    return {};
}

std::optional<QUrl> ConnectionProfile::parseBaseUrl(const QString &text, bool allowHttp, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<QUrl> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(Messages::tr("The base URL is empty."));
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return fail(Messages::tr("\"%1\" is not a valid URL.").arg(trimmed));
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http"_s && scheme != u"https"_s)
        return fail(Messages::tr("The base URL must start with https:// (or http://), not \"%1\".").arg(trimmed));
    if (url.host().isEmpty())
        return fail(Messages::tr("The base URL \"%1\" names no host.").arg(trimmed));
    if (!url.userInfo().isEmpty())
        return fail(Messages::tr("The base URL must not contain a user name or password; the token goes to the "
                                 "keychain."));
    if (url.hasQuery() || url.hasFragment())
        return fail(Messages::tr("The base URL must not contain a query or fragment."));
    if (url.port() == 0)
        return fail(Messages::tr("Port 0 cannot be reached; use 1 to 65535."));
    if (const QString path = url.path(); !path.isEmpty() && path != u"/"_s)
        return fail(Messages::tr("The base URL is the tenant's address without a path (\"%1\"), e.g. "
                                 "https://unit-tenant.instana.io.")
                        .arg(path));
    QUrl result;
    result.setScheme(scheme);
    result.setHost(url.host());
    result.setPort(url.port());
    if (scheme == u"http"_s && !allowHttp && !AgentEndpoint::isLoopback(result))
        return fail(Messages::tr("Plain http:// to %1 would send the token unencrypted; use https://, or allow "
                                 "http explicitly.")
                        .arg(result.host()));
    return result;
}

QStringList ConnectionProfile::validate() const
{
    QStringList problems;
    if (const QString problem = nameProblem(name); !problem.isEmpty())
        problems << problem;
    QString error;
    if (baseUrl.isEmpty())
        problems << Messages::tr("The profile has no base URL.");
    else if (!parseBaseUrl(baseUrl.toString(QUrl::FullyEncoded), allowHttp, &error))
        problems << error;
    if (!agentUrl.isEmpty() && !AgentEndpoint::parse(agentUrl.toString(QUrl::FullyEncoded), &error))
        problems << error;
    if (!caBundleFile.isEmpty()) {
        const QFileInfo info(caBundleFile);
        if (!info.exists())
            problems << Messages::tr("The CA bundle %1 does not exist.").arg(QDir::toNativeSeparators(caBundleFile));
        else if (!info.isFile() || !info.isReadable())
            problems
                << Messages::tr("The CA bundle %1 is no readable file.").arg(QDir::toNativeSeparators(caBundleFile));
    }
    if (timeout < MinTimeout || timeout > MaxTimeout)
        problems << Messages::tr("The timeout is %1 ms; it must be from %2 to %3 ms.")
                        .arg(timeout.count())
                        .arg(MinTimeout.count())
                        .arg(MaxTimeout.count());
    if (maxResponseBytes <= 0)
        problems << Messages::tr("The largest answer must be at least one byte.");
    if (proxy == Rest::ProxyMode::Manual) {
        const QString scheme = proxyUrl.scheme().toLower();
        if (proxyUrl.isEmpty())
            problems << Messages::tr("A manual proxy needs its URL.");
        else if (!proxyUrl.isValid() || proxyUrl.host().isEmpty() || (scheme != u"http"_s && scheme != u"socks5"_s))
            problems << Messages::tr("The proxy \"%1\" is no http:// or socks5:// URL with a host.")
                            .arg(proxyUrl.toString());
    }
    return problems;
}

Rest::ConnectionOptions ConnectionProfile::options() const
{
    Rest::ConnectionOptions options;
    options.baseUrl = baseUrl;
    options.verifyTls = verifyTls;
    options.caBundleFile = caBundleFile;
    options.allowHttp = allowHttp;
    options.proxy = proxy;
    options.proxyUrl = proxy == Rest::ProxyMode::Manual ? proxyUrl : QUrl();
    options.timeout = timeout;
    options.maxResponseBytes = maxResponseBytes;
    return options;
}

QString proxyModeName(Rest::ProxyMode mode)
{
    switch (mode) {
    case Rest::ProxyMode::System:
        return u"system"_s;
    case Rest::ProxyMode::None:
        return u"none"_s;
    case Rest::ProxyMode::Manual:
        return u"manual"_s;
    }
    return u"system"_s;
}

std::optional<Rest::ProxyMode> parseProxyMode(const QString &text)
{
    for (const auto mode : {Rest::ProxyMode::System, Rest::ProxyMode::None, Rest::ProxyMode::Manual}) {
        if (text.trimmed().compare(proxyModeName(mode), Qt::CaseInsensitive) == 0)
            return mode;
    }
    return std::nullopt;
}

} // namespace Workbench
