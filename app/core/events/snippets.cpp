#include "core/events/snippets.h"

using namespace Qt::StringLiterals;

namespace Workbench::Snippets {

namespace {

QString cleanUrl(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo).toString(QUrl::FullyEncoded);
}

// POSIX shell: inside single quotes nothing is special but the quote itself.
QString shellQuoted(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', "'\\''"_L1);
    return u'\'' + quoted + u'\'';
}

// PowerShell: inside single quotes a quote is doubled. PowerShell also takes the typographic
// single quotes as quotes, so those are doubled too.
QString powerShellQuoted(const QString &text)
{
    QString quoted;
    quoted.reserve(text.size() + 2);
    for (const QChar c : text) {
        if (c == u'\'' || c == QChar(0x2018) || c == QChar(0x2019) || c == QChar(0x201A) || c == QChar(0x201B))
            quoted.append(c);
        quoted.append(c);
    }
    return u'\'' + quoted + u'\'';
}

// Ruby and Python single-quoted literals: backslash and quote are escaped. The body is
// compact JSON, so it holds no line breaks.
QString backslashQuoted(const QString &text)
{
    QString quoted;
    quoted.reserve(text.size() + 2);
    for (const QChar c : text) {
        if (c == u'\\' || c == u'\'')
            quoted.append(u'\\');
        quoted.append(c);
    }
    return u'\'' + quoted + u'\'';
}

} // namespace

QList<Language> languages()
{
    return {Language::Curl, Language::PowerShell, Language::Ruby, Language::Python};
}

QString name(Language language)
{
    switch (language) {
    case Language::Curl:
        return u"curl"_s;
    case Language::PowerShell:
        return u"PowerShell"_s;
    case Language::Ruby:
        return u"Ruby"_s;
    case Language::Python:
        return u"Python"_s;
    }
    return {};
}

QString snippet(Language language, const QUrl &url, const QByteArray &body)
{
    const QString target = cleanUrl(url);
    const QString text = QString::fromUtf8(body);
    switch (language) {
    case Language::Curl:
        return u"curl -XPOST "_s + shellQuoted(target) + u" -H \"Content-Type: application/json\" -d "_s
            + shellQuoted(text) + u'\n';
    case Language::PowerShell:
        return u"Invoke-RestMethod `\n    -Uri "_s + powerShellQuoted(target)
            + u" `\n    -Method POST `\n    -ContentType 'application/json; charset=utf-8' `\n    -Body "_s
            + u"([System.Text.Encoding]::UTF8.GetBytes("_s + powerShellQuoted(text) + u"))\n"_s;
    case Language::Ruby:
        return u"require 'net/http'\n\n"_s + u"uri = URI("_s + backslashQuoted(target) + u")\n"_s
            + u"req = Net::HTTP::Post.new(uri, 'Content-Type' => 'application/json')\n"_s + u"req.body = "_s
            + backslashQuoted(text) + u"\n"_s + u"res = Net::HTTP.start(uri.hostname, uri.port) do |http|\n"_s
            + u"    http.request(req)\n"_s + u"end\n"_s + u"puts \"#{res.code} #{res.body}\"\n"_s;
    case Language::Python:
        return u"import urllib.request\n\n"_s + u"body = "_s + backslashQuoted(text) + u"\n"_s
            + u"request = urllib.request.Request(\n"_s + u"    "_s + backslashQuoted(target) + u",\n"_s
            + u"    data=body.encode('utf-8'),\n"_s + u"    headers={'Content-Type': 'application/json'},\n"_s
            + u"    method='POST',\n"_s + u")\n"_s
            + u"with urllib.request.urlopen(request, timeout=10) as response:\n"_s
            + u"    print(response.status, response.read().decode('utf-8'))\n"_s;
    }
    return {};
}

} // namespace Workbench::Snippets
