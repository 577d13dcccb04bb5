#include "core/net/requestfactory.h"

using namespace Qt::StringLiterals;

namespace Workbench {

void OutgoingRequest::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &[key, existing] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            existing = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray OutgoingRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray userAgent()
{
    return QByteArrayLiteral("instana-workbench/" WORKBENCH_VERSION_STRING);
}

QNetworkRequest makeNetworkRequest(const OutgoingRequest &request)
{
    QNetworkRequest result(request.url);
    result.setRawHeader("User-Agent", userAgent());
    for (const auto &[name, value] : request.headers)
        result.setRawHeader(name, value);
    result.setTransferTimeout(int(std::clamp<qint64>(request.transferTimeout.count(), 1, INT_MAX)));
    result.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                        request.followSameOriginRedirects ? QNetworkRequest::SameOriginRedirectPolicy
                                                          : QNetworkRequest::ManualRedirectPolicy);
    result.setSslConfiguration(request.tls ? *request.tls : QSslConfiguration::defaultConfiguration());
    return result;
}

bool isSecretHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower == "authorization" || lower == "proxy-authorization" || lower == "cookie" || lower == "set-cookie"
        || lower.contains("token") || lower.contains("api-key") || lower.contains("apikey");
}

QString describeRequest(const OutgoingRequest &request)
{
    QString text = QString::fromLatin1(request.method) + u' ' + request.url.toString(QUrl::RemoveUserInfo);
    QStringList headers;
    headers.append(u"User-Agent: "_s + QString::fromLatin1(userAgent()));
    for (const auto &[name, value] : request.headers)
        headers.append(QString::fromLatin1(name) + u": "_s
                       + (isSecretHeader(name) ? u"<redacted>"_s : QString::fromLatin1(value)));
    text += u" ["_s + headers.join(u", "_s) + u"] "_s + QString::number(request.body.size()) + u" bytes"_s;
    return text;
}

} // namespace Workbench
