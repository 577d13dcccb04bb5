#include "core/agentapi/agentendpoint.h"

#include <QCoreApplication>
#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
constexpr auto eventPath = "/com.instana.plugin.generic.event"_L1;
constexpr auto tracePath = "/com.instana.plugin.generic.trace"_L1;

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::AgentEndpoint)
};
} // namespace

QUrl withPath(const QUrl &agent, QLatin1StringView path)
{
    QUrl url = agent;
    url.setPath(path);
    return url;
}
} // namespace

QUrl AgentEndpoint::defaultUrl()
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(DefaultPort);
    return url;
}

std::optional<QUrl> AgentEndpoint::parse(const QString &text, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<QUrl> {
        if (error)
            *error = message;
        return std::nullopt;
    };

    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(Messages::tr("The agent address is empty."));

    QString withScheme = trimmed;
    if (!trimmed.contains(u"://"_s))
        withScheme.prepend(u"http://"_s);

    const QUrl url(withScheme, QUrl::StrictMode);
    if (!url.isValid())
        return fail(Messages::tr("\"%1\" is not a valid address.").arg(trimmed));

    const QString scheme = url.scheme().toLower();
    if (scheme != u"http"_s && scheme != u"https"_s)
        return fail(Messages::tr("The agent is reached over http or https, not \"%1\".").arg(url.scheme()));
    if (url.host().isEmpty())
        return fail(Messages::tr("\"%1\" names no host.").arg(trimmed));
    if (!url.userInfo().isEmpty())
        return fail(Messages::tr("The agent address must not contain a user name or password."));
    if (url.hasQuery() || url.hasFragment())
        return fail(Messages::tr("The agent address must not contain a query or fragment."));

    // A port given as text that QUrl cannot read (e.g. "host:99999") leaves the URL invalid,
    // which was handled above; 0 is the one value left to refuse.
    if (url.port() == 0)
        return fail(Messages::tr("Port 0 cannot be reached; use 1 to 65535."));

    const QString path = url.path();
    if (!path.isEmpty() && path != u"/"_s && path != eventPath && path != tracePath)
        return fail(Messages::tr("The agent address must not contain a path (\"%1\").").arg(path));

    QUrl result;
    result.setScheme(scheme);
    result.setHost(url.host());
    // Without a port, http means the agent's own port; https means a TLS proxy on 443.
    result.setPort(url.port(scheme == u"https"_s ? 443 : DefaultPort));
    return result;
}

QUrl AgentEndpoint::eventUrl(const QUrl &agent)
{
    return withPath(agent, eventPath);
}

QUrl AgentEndpoint::traceUrl(const QUrl &agent)
{
    return withPath(agent, tracePath);
}

QString AgentEndpoint::displayName(const QUrl &agent)
{
    if (agent.scheme() == u"http"_s)
        return agent.authority(QUrl::FullyEncoded);
    return agent.toString(QUrl::FullyEncoded);
}

bool AgentEndpoint::isLoopback(const QUrl &agent)
{
    const QString host = agent.host();
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace Workbench
