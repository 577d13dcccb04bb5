#include "core/rest/restclient.h"

#include "core/net/tlsconfig.h"
#include "core/rest/restjob.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Workbench::Rest {

namespace {

struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Rest::RestClient)
};

// The system's proxy settings, asked for each request, for a manager of the client's own.
class SystemProxyFactory : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        return QNetworkProxyFactory::systemProxyForQuery(query);
    }
};

std::optional<QNetworkProxy> manualProxy(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    QNetworkProxy::ProxyType type = QNetworkProxy::HttpProxy;
    if (scheme == u"socks5"_s)
        type = QNetworkProxy::Socks5Proxy;
    else if (scheme != u"http"_s)
        return std::nullopt;
    if (!url.isValid() || url.host().isEmpty())
        return std::nullopt;
    return QNetworkProxy(type, url.host(), quint16(url.port(scheme == u"socks5"_s ? 1080 : 8080)), url.userName(),
                         url.password());
}

} // namespace

RestClient::RestClient(ConnectionOptions options, QString token, QNetworkAccessManager *systemNetwork, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_token(std::move(token))
{
    const QUrl &base = m_options.baseUrl;
    const QString shown = base.toString(QUrl::RemoveUserInfo);
    const QString scheme = base.scheme().toLower();
    if (!base.isValid() || (scheme != u"http"_s && scheme != u"https"_s) || base.host().isEmpty()) {
        m_refused = Error::InsecureUrl;
        m_refusal = Messages::tr("The base URL %1 is no http:// or https:// URL of a server.")
                        .arg(shown.isEmpty() ? u"(empty)"_s : shown);
    } else if (scheme == u"http"_s && !m_options.allowHttp && !isLoopbackHost(base.host())) {
        m_refused = Error::InsecureUrl;
        m_refusal = Messages::tr("Refused to send the API token to %1 over plain http://: only a loopback address is "
                                 "reached without TLS, unless the connection allows http.")
                        .arg(shown);
    }
    if (scheme == u"https"_s) {
        QString error;
        m_tls = tlsConfiguration(m_options.verifyTls, m_options.caBundleFile, &error);
        if (!m_tls && m_refused == Error::None) {
            m_refused = Error::Tls;
            m_refusal = error;
        }
    }

    if (m_options.proxy == ProxyMode::System && systemNetwork) {
        m_network = systemNetwork;
        return;
    }
    m_ownNetwork = std::make_unique<QNetworkAccessManager>();
    m_network = m_ownNetwork.get();
    switch (m_options.proxy) {
    case ProxyMode::System:
        m_network->setProxyFactory(new SystemProxyFactory); // the manager owns it
        break;
    case ProxyMode::None:
        m_network->setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        break;
    case ProxyMode::Manual:
        if (const std::optional<QNetworkProxy> proxy = manualProxy(m_options.proxyUrl)) {
            m_network->setProxy(*proxy);
        } else if (m_refused == Error::None) {
            m_refused = Error::Network;
            m_refusal = Messages::tr("The proxy %1 is no http:// or socks5:// URL of a host.")
                            .arg(m_options.proxyUrl.toString(QUrl::RemoveUserInfo));
        }
        break;
    }
}

RestClient::~RestClient()
{
    // The jobs go first: they use the manager.
    const QList<RestJob *> jobs = findChildren<RestJob *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(jobs);
}

void RestClient::setMaxAttempts(int attempts)
{
    m_maxAttempts = std::max(1, attempts);
}

bool RestClient::isLoopbackHost(const QString &host)
{
    const QString name = host.toLower();
    if (name == u"localhost"_s || name.endsWith(u".localhost"_s))
        return true;
    const QHostAddress address(name);
    return !address.isNull() && address.isLoopback();
}

QUrl apiUrl(const QUrl &baseUrl, const QString &path, const QUrlQuery &query)
{
    QUrl url = baseUrl;
    QString relative = path;
    // A query written in the path stays as written; the items of `query` are values, each
    // byte that is not unreserved encoded: a "+" is a plus sign, never a space.
    QString queryText;
    const qsizetype mark = relative.indexOf(u'?');
    if (mark >= 0) {
        queryText = QUrlQuery(relative.mid(mark + 1)).query(QUrl::FullyEncoded);
        relative.truncate(mark);
    }
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!queryText.isEmpty())
            queryText += u'&';
        queryText += QString::fromLatin1(QUrl::toPercentEncoding(key)) + u'='
            + QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    if (!relative.startsWith(u'/'))
        relative.prepend(u'/');
    // Tolerant: "%2F" and the like stay as written, ";" and "=" are left alone.
    url.setPath(basePath + relative, QUrl::TolerantMode);
    if (queryText.isEmpty())
        url.setQuery(QString());
    else
        url.setQuery(queryText, QUrl::StrictMode);
    url.setFragment(QString());
    return url;
}

QUrl RestClient::urlFor(const QString &path, const QUrlQuery &query) const
{
    return apiUrl(m_options.baseUrl, path, query);
}

RestJob *RestClient::request(const QByteArray &method, const QString &path, const QUrlQuery &query,
                             const QByteArray &body)
{
    OutgoingRequest outgoing;
    outgoing.method = method.toUpper();
    outgoing.url = urlFor(path, query);
    outgoing.url.setUserInfo(QString());
    outgoing.body = body;
    outgoing.transferTimeout = m_options.timeout;
    outgoing.maxResponseBytes = m_options.maxResponseBytes;
    outgoing.tls = m_tls;
    outgoing.followSameOriginRedirects = false; // RestJob follows them, see there
    Error refused = m_refused;
    QString refusal = m_refusal;
    const std::optional<QByteArray> token = headerToken();
    if (token) {
        outgoing.setHeader("authorization", "apiToken " + *token);
    } else if (refused == Error::None) {
        refused = Error::Unauthorized;
        refusal = Messages::tr("The API token holds a character no token has (a line break, a control character or "
                               "one outside printable ASCII), so it is not sent.");
    }
    outgoing.setHeader("Accept", "application/json");
    if (!body.isEmpty())
        outgoing.setHeader("Content-Type", "application/json");
    QString apiPath = path;
    if (const qsizetype mark = apiPath.indexOf(u'?'); mark >= 0)
        apiPath.truncate(mark);
    if (!apiPath.startsWith(u'/'))
        apiPath.prepend(u'/');
    return new RestJob(this, std::move(outgoing), apiPath, refused, refusal);
}

std::optional<QByteArray> RestClient::headerToken() const
{
    const QString trimmed = m_token.trimmed();
    const bool printable = std::all_of(trimmed.cbegin(), trimmed.cend(),
                                       [](QChar c) { return c.unicode() > 0x20 && c.unicode() < 0x7f; });
    if (!printable)
        return std::nullopt;
    return trimmed.toLatin1();
}

void RestClient::noteRateLimit(const RateLimit &rateLimit)
{
    if (!rateLimit.isValid() || rateLimit == m_rateLimit)
        return;
    m_rateLimit = rateLimit;
    Q_EMIT rateLimitChanged(m_rateLimit);
}

} // namespace Workbench::Rest
