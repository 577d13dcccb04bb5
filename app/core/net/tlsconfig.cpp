#include "core/net/tlsconfig.h"

#include "core/io/inputfile.h"

#include <QCoreApplication>
#include <QSslCertificate>

namespace Workbench {
namespace {
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(TlsConfiguration)
};
// A CA bundle is a few hundred KiB at most; a larger file is no bundle.
constexpr qint64 MaxBundleBytes = qint64(16) * 1024 * 1024;
} // namespace

std::optional<QSslConfiguration> tlsConfiguration(bool verify, const QString &caBundleFile, QString *error)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (!verify) {
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        return configuration;
    }
    if (caBundleFile.isEmpty())
        return configuration;
    Io::InputFile file(caBundleFile, Io::Dash::FileName);
    // Not read as text: a DER file is told apart below; /dev/zero ends at the ceiling at once.
    if (!file.read({.fileBytes = MaxBundleBytes, .streamBytes = MaxBundleBytes, .jsonText = false})) {
        if (error)
            *error = file.errorString();
        return std::nullopt;
    }
    const QByteArray data = file.data().toByteArray();
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(data, QSsl::Pem);
    // Qt passes over a certificate it cannot read: a bundle is taken whole or not at all.
    const qsizetype blocks = data.count("-----BEGIN CERTIFICATE-----");
    QString refusal;
    if (certificates.isEmpty() && blocks == 0 && !QSslCertificate::fromData(data, QSsl::Der).isEmpty())
        refusal = Messages::tr("The CA bundle %1 is a DER certificate, not PEM: \"openssl x509 -inform der -in "
                               "FILE -out FILE.pem\" converts it.")
                      .arg(file.name());
    else if (certificates.isEmpty())
        refusal = Messages::tr("The CA bundle %1 holds no PEM certificate (\"-----BEGIN CERTIFICATE-----\").")
                      .arg(file.name());
    else if (certificates.size() < blocks)
        refusal = Messages::tr("The CA bundle %1 holds a damaged certificate: %2 of its %3 can be read.")
                      .arg(file.name())
                      .arg(certificates.size())
                      .arg(blocks);
    if (!refusal.isEmpty()) {
        if (error)
            *error = refusal;
        return std::nullopt;
    }
    // Setting any CA certificate ends Qt's loading of the system's on demand: they are set too,
    // read once (a few hundred files) for every configuration of the process.
    static const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
    configuration.setCaCertificates(system + certificates);
    return configuration;
}

} // namespace Workbench
