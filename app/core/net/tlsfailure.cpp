#include "core/net/tlsfailure.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSslCertificate>
#include <QSslError>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace Workbench {
namespace {
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(TlsFailure)
};

// A name in a certificate may be up to 64 characters; anything longer is the server's noise.
constexpr qsizetype MaxShownChars = 200;
constexpr int MaxShownNames = 10;

bool mustEscape(QChar c)
{
    // Control characters would break the line; format characters (direction overrides,
    // zero-width joiners) could make a name read as another.
    return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format
        || c.category() == QChar::Separator_Line || c.category() == QChar::Separator_Paragraph;
}

// A text of the server's, on one line and of a readable length.
QString shown(const QString &text)
{
    QString result;
    result.reserve(std::min(text.size(), MaxShownChars) + 1);
    for (const QChar c : text) {
        if (result.size() >= MaxShownChars) {
            result += u'…';
            break;
        }
        if (mustEscape(c))
            result += u"\\u%1"_s.arg(int(c.unicode()), 4, 16, QChar(u'0'));
        else
            result += c;
    }
    return result;
}

QString joined(const QStringList &values)
{
    QStringList parts;
    for (const QString &value : values)
        parts.append(shown(value));
    return parts.join(u"+"_s);
}

QString distinguishedName(const QSslCertificate &certificate, bool issuer)
{
    const auto info = [&](QSslCertificate::SubjectInfo field) {
        return issuer ? certificate.issuerInfo(field) : certificate.subjectInfo(field);
    };
    QStringList parts;
    const QStringList commonName = info(QSslCertificate::CommonName);
    const QStringList organization = info(QSslCertificate::Organization);
    if (!commonName.isEmpty())
        parts.append(u"CN="_s + joined(commonName));
    if (!organization.isEmpty())
        parts.append(u"O="_s + joined(organization));
    if (parts.isEmpty()) {
        const QString whole = issuer ? certificate.issuerDisplayName() : certificate.subjectDisplayName();
        return whole.isEmpty() ? Messages::tr("(no name)") : shown(whole);
    }
    return parts.join(u", "_s);
}

QString shownDate(const QDateTime &when)
{
    return when.isValid() ? when.toUTC().toString(u"yyyy-MM-dd"_s) : Messages::tr("(unknown)");
}
} // namespace

TlsFailure TlsFailure::fromErrors(const QSslCertificate &peer, const QList<QSslError> &errors)
{
    TlsFailure failure;
    for (const QSslError &error : errors) {
        const QString reason = error.errorString();
        if (!reason.isEmpty() && !failure.reasons.contains(reason))
            failure.reasons.append(reason);
    }
    QSslCertificate certificate = peer;
    for (qsizetype i = 0; certificate.isNull() && i < errors.size(); ++i)
        certificate = errors.at(i).certificate();
    if (certificate.isNull())
        return failure;
    failure.hasCertificate = true;
    failure.subject = distinguishedName(certificate, false);
    failure.issuer = distinguishedName(certificate, true);
    // In the certificate's order: DNS names, then addresses, each as listed (Qt's map holds the
    // values of one kind last first).
    const auto alternatives = certificate.subjectAlternativeNames();
    QStringList ordered;
    for (const QSsl::AlternativeNameEntryType kind : alternatives.uniqueKeys()) {
        QStringList ofKind = alternatives.values(kind);
        std::reverse(ofKind.begin(), ofKind.end());
        ordered += ofKind;
    }
    for (const QString &name : std::as_const(ordered)) {
        if (failure.names.size() == MaxShownNames) {
            failure.names.append(u"…"_s);
            break;
        }
        failure.names.append(shown(name));
    }
    failure.notBefore = certificate.effectiveDate().toUTC();
    failure.notAfter = certificate.expiryDate().toUTC();
    failure.sha256 = certificate.digest(QCryptographicHash::Sha256);
    return failure;
}

TlsFailure::Validity TlsFailure::validity(const QDateTime &now) const
{
    if (notAfter.isValid() && now > notAfter)
        return Validity::Expired;
    if (notBefore.isValid() && now < notBefore)
        return Validity::NotYetValid;
    return Validity::Valid;
}

QString TlsFailure::fingerprint() const
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

QString TlsFailure::details(const QDateTime &now) const
{
    if (!hasCertificate)
        return {};
    QString validityText = Messages::tr("valid %1 to %2").arg(shownDate(notBefore), shownDate(notAfter));
    switch (validity(now)) {
    case Validity::Valid:
        break;
    case Validity::Expired:
        validityText = Messages::tr("%1 (expired)").arg(validityText);
        break;
    case Validity::NotYetValid:
        validityText = Messages::tr("%1 (not yet valid)").arg(validityText);
        break;
    }
    QStringList parts;
    parts.append(Messages::tr("Subject: %1").arg(subject));
    if (!names.isEmpty())
        parts.append(Messages::tr("names: %1").arg(names.join(u", "_s)));
    parts.append(Messages::tr("issuer: %1").arg(issuer));
    parts.append(validityText);
    parts.append(Messages::tr("SHA-256 %1").arg(fingerprint()));
    return parts.join(u"; "_s);
}

QString TlsFailure::describe(const QString &host, const QString &fallbackReason, const QDateTime &now) const
{
    QString reason = reasons.join(u"; "_s);
    if (reason.isEmpty())
        reason = fallbackReason;
    if (reason.endsWith(u'.'))
        reason.chop(1);
    if (!hasCertificate)
        return Messages::tr("The secure connection to %1 failed: %2.").arg(host, reason);
    if (reasons.isEmpty()) // the certificate was not what failed
        return Messages::tr("The secure connection to %1 failed: %2. The server's certificate: %3.")
            .arg(host, reason, details(now));
    return Messages::tr("The certificate of %1 is not trusted: %2. %3.").arg(host, reason, details(now));
}

} // namespace Workbench
