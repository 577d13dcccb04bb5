#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

namespace Workbench::Browse {

// The request as a curl command for a POSIX shell, on one line: the same URL the REST client
// sends to (the base URL's origin and path, `path` as written, `query`'s values encoded), its
// headers, and the body. The API token is never in it: the header reads
// "authorization: apiToken $INSTANA_API_TOKEN", for the shell to fill from the environment. Every
// other piece is single-quoted, so no path, query or body text is ever run by the shell. The
// base URL's user name and password are dropped.
QString curlCommand(const QByteArray &method, const QUrl &baseUrl, const QString &path, const QUrlQuery &query = {},
                    const QByteArray &body = {});

// The URL of a request, built as Rest::RestClient::urlFor builds it.
QUrl requestUrl(const QUrl &baseUrl, const QString &path, const QUrlQuery &query = {});

// `text` in single quotes for a POSIX shell: nothing is special inside them but the quote itself,
// written as '\''.
QString shellQuoted(const QString &text);

} // namespace Workbench::Browse
