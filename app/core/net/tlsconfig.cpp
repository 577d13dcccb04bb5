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
    if (!file.read({.fileBytes = MaxBundleBytes, .streamBytes = MaxBundleBytes, .jsonText = true})) {
        if (error)
            *error = file.errorString();
        return std::nullopt;
    }
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.data().toByteArray(), QSsl::Pem);
    if (certificates.isEmpty()) {
        if (error)
            *error = Messages::tr("The CA bundle %1 holds no PEM certificate.").arg(file.name());
        return std::nullopt;
    }
    configuration.addCaCertificates(certificates);
    return configuration;
}

} // namespace Workbench
