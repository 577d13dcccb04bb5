#include "core/rest/resterror.h"

using namespace Qt::StringLiterals;

namespace Workbench::Rest {

QString errorName(Error error)
{
    switch (error) {
    case Error::None:
        return u"none"_s;
    case Error::InsecureUrl:
        return u"insecure-url"_s;
    case Error::CannotConnect:
        return u"cannot-connect"_s;
    case Error::Tls:
        return u"tls"_s;
    case Error::Timeout:
        return u"timeout"_s;
    case Error::Unauthorized:
        return u"unauthorized"_s;
    case Error::Forbidden:
        return u"forbidden"_s;
    case Error::NotFound:
        return u"not-found"_s;
    case Error::RateLimited:
        return u"rate-limited"_s;
    case Error::ServerError:
        return u"server-error"_s;
    case Error::HttpStatus:
        return u"http-status"_s;
    case Error::NotJson:
        return u"not-json"_s;
    case Error::TooLarge:
        return u"too-large"_s;
    case Error::Redirect:
        return u"redirect"_s;
    case Error::Cancelled:
        return u"cancelled"_s;
    case Error::Network:
        return u"network"_s;
    }
    return {};
}

QString oneLine(const QString &text, qsizetype maxLength)
{
    QString result = text.left(maxLength);
    for (QChar &c : result) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            c = u' ';
    }
    return result.trimmed();
}

} // namespace Workbench::Rest
