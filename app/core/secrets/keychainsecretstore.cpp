#include "core/secrets/keychainsecretstore.h"

#include "core/logging/logging.h"

#include <QCoreApplication>
#include <QPointer>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {

// QtKeychain reports a session bus that cannot be reached, a Secret Service that is not there
// and a collection that cannot be opened as OtherError with the D-Bus or libsecret message:
// those are told apart by it, so that the user hears what to install or unlock.
SecretStore::Error classifyOther(const QString &detail)
{
    static const QStringList noBackend{u"Could not connect"_s, u"autolaunch D-Bus"_s, u"ServiceUnknown"_s,
                                       u"org.freedesktop.secrets was not provided"_s, u"No such interface"_s};
    static const QStringList locked{u"/org/freedesktop/secrets/collection/"_s, u"locked"_s, u"Prompt"_s, u"prompt"_s};
    auto mentions = [&detail](const QStringList &words) {
        return std::any_of(words.begin(), words.end(), [&detail](const QString &w) { return detail.contains(w); });
    };
    if (mentions(noBackend))
        return SecretStore::Error::NoBackend;
    if (mentions(locked))
        return SecretStore::Error::AccessDenied;
    return SecretStore::Error::Other;
}

SecretStore::Error mapError(QKeychain::Error error, const QString &detail)
{
    switch (error) {
    case QKeychain::NoError:
        return SecretStore::Error::None;
    case QKeychain::EntryNotFound:
        return SecretStore::Error::NotFound;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return SecretStore::Error::AccessDenied;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return SecretStore::Error::NoBackend;
    case QKeychain::OtherError:
        return classifyOther(detail);
    case QKeychain::CouldNotDeleteEntry:
        return SecretStore::Error::Other;
    }
    return SecretStore::Error::Other;
}

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::SecretStore)
};
} // namespace

QString describe(SecretStore::Error error, const QString &key, const QString &detail)
{
    QString sentence;
    switch (error) {
    case SecretStore::Error::None:
        return {};
    case SecretStore::Error::NotFound:
        sentence = Messages::tr("No secret is stored for \"%1\".").arg(key);
        break;
    case SecretStore::Error::AccessDenied:
        sentence = Messages::tr("The keychain refused access to \"%1\".").arg(key);
        break;
    case SecretStore::Error::NoBackend:
        sentence = Messages::tr("No keychain is available (on Linux: a Secret Service such as GNOME Keyring "
                                "or KWallet on the session D-Bus).");
        break;
    case SecretStore::Error::Other:
        sentence = Messages::tr("The keychain failed for \"%1\".").arg(key);
        break;
    }
    if (!detail.isEmpty())
        sentence += u' ' + detail;
    return sentence;
}

// Runs one QtKeychain job and hands its outcome to the callback, exactly once, unless the
// context is gone by then.
void runJob(QKeychain::Job *job, const QString &key, QObject *context, SecretStore::Callback callback)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QPointer<QObject> guard(context);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [guard, key, callback = std::move(callback)](QKeychain::Job *done) {
                         SecretStore::Result result;
                         result.error = mapError(done->error(), done->errorString());
                         if (result.error != SecretStore::Error::None) {
                             result.message = describe(result.error, key, done->errorString());
                             qCDebug(lcSecrets) << "keychain job for" << key << "failed:" << done->error();
                         } else if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(done)) {
                             result.value = read->textData();
                         }
                         if (guard)
                             callback(result);
                     });
    job->start();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &service)
    : m_service(service)
{
}

QString KeychainSecretStore::defaultService()
{
    return u"instana-workbench"_s;
}

void KeychainSecretStore::read(const QString &key, QObject *context, Callback callback)
{
    runJob(new QKeychain::ReadPasswordJob(m_service), key, context, std::move(callback));
}

void KeychainSecretStore::write(const QString &key, const QString &value, QObject *context, Callback callback)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(value);
    runJob(job, key, context, std::move(callback));
}

void KeychainSecretStore::remove(const QString &key, QObject *context, Callback callback)
{
    runJob(new QKeychain::DeletePasswordJob(m_service), key, context, std::move(callback));
}

QString KeychainSecretStore::backendName() const
{
#if defined(Q_OS_MACOS)
    return Messages::tr("macOS Keychain");
#elif defined(Q_OS_WIN)
    return Messages::tr("Windows Credential Store");
#else
    return Messages::tr("Secret Service (GNOME Keyring, KWallet)");
#endif
}

} // namespace Workbench
