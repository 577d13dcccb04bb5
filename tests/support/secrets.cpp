#include "tests/support/secrets.h"

#include "core/profiles/connectionprofile.h"
#include "core/secrets/keychainsecretstore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using Workbench::SecretStore;

namespace TestSupport {

namespace {
struct Holding
{
    QStringList files;
    int searched = 0;
};

Holding search(const QString &root, const QByteArray &bytes, const QString &except)
{
    Holding holding;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if ((!except.isEmpty() && path.startsWith(except + u'/')) || !it.fileInfo().isFile())
            continue;
        ++holding.searched;
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(bytes))
            holding.files << path;
    }
    return holding;
}
} // namespace

QStringList filesHolding(const QString &root, const QByteArray &bytes)
{
    return search(root, bytes, {}).files;
}

QStringList keyringFilesHolding(const QByteArray &bytes)
{
    Holding holding = search(QFileInfo(QDir::homePath()).absolutePath(), bytes,
                             QDir(qEnvironmentVariable("XDG_DATA_HOME")).absoluteFilePath(u"keyrings"_s));
    // The keyring's scratch directory always holds files: an empty search means a wrong place.
    if (holding.searched == 0)
        holding.files << u"(no files were searched)"_s;
    return holding.files;
}

SecretStore::Result readSecret(const QString &profile, const QString &service)
{
    Workbench::KeychainSecretStore store(service.isEmpty() ? Workbench::KeychainSecretStore::defaultService()
                                                           : service);
    QObject context;
    std::optional<SecretStore::Result> result;
    store.read(Workbench::ConnectionProfile::tokenKey(profile), &context,
               [&result](const SecretStore::Result &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000))
        return {SecretStore::Error::Other, u"no answer"_s, {}};
    return *result;
}

} // namespace TestSupport
