#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

class QSslCertificate;
class QSslError;

namespace Workbench {

// What a person needs to decide about a secure connection that was refused: who the server's
// certificate names, who issued it, when it is valid, its fingerprint, and why it was not
// accepted (Qt's reasons, such as "The certificate is self-signed, and untrusted"). The texts
// taken from the certificate are the server's: shown on one line, control and direction
// characters escaped, each cut to a readable length.
struct TlsFailure
{
    enum class Validity {
        Valid,
        Expired,
        NotYetValid,
    };

    // Each reason once, in Qt's order.
    QStringList reasons;
    // Whether the server showed a certificate; the fields below are empty when not.
    bool hasCertificate = false;
    // "CN=localhost, O=Example": the common name and organisation, or the whole name when it
    // has neither.
    QString subject;
    QString issuer;
    // The subject alternative names: "localhost", "127.0.0.1".
    QStringList names;
    QDateTime notBefore; // UTC
    QDateTime notAfter; // UTC
    QByteArray sha256; // the fingerprint of the certificate's DER bytes

    bool isEmpty() const { return reasons.isEmpty() && !hasCertificate; }
    Validity validity(const QDateTime &now) const;
    // "AB:CD:…": the 32 bytes of sha256 as hexadecimal pairs.
    QString fingerprint() const;
    // "Subject: CN=localhost; names: localhost, 127.0.0.1; issuer: CN=localhost; valid
    // 2026-12-01 to 2027-12-01 (expired); SHA-256 AB:CD:…"; empty without a certificate.
    QString details(const QDateTime &now) const;
    // One or two sentences: "The certificate of 127.0.0.1 is not trusted: The certificate is
    // self-signed, and untrusted. Subject: …". `fallbackReason` (Qt's text on the failed
    // handshake) stands in when there is no reason: then the certificate was not what failed.
    QString describe(const QString &host, const QString &fallbackReason, const QDateTime &now) const;

    // The failure as Qt reports it: the peer's certificate (may be null) and the errors.
    static TlsFailure fromErrors(const QSslCertificate &peer, const QList<QSslError> &errors);
};

} // namespace Workbench
