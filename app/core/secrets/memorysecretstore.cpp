#include "core/secrets/memorysecretstore.h"

#include <QCoreApplication>
#include <QTimer>

namespace Workbench {

namespace {
// Answers on the next turn of the event loop, as the keychain does, so that callers cannot
// come to depend on a synchronous answer.
void answerLater(QObject *context, SecretStore::Callback callback, SecretStore::Result result)
{
    QTimer::singleShot(0, context, [callback = std::move(callback), result = std::move(result)] { callback(result); });
}

QString notFound(const QString &key)
{
    return QCoreApplication::translate("Workbench::SecretStore", "No secret is stored for \"%1\".").arg(key);
}
} // namespace

void MemorySecretStore::read(const QString &key, QObject *context, Callback callback)
{
    Result result;
    const auto it = m_values.constFind(key);
    if (it == m_values.constEnd()) {
        result.error = Error::NotFound;
        result.message = notFound(key);
    } else {
        result.value = it.value();
    }
    answerLater(context, std::move(callback), std::move(result));
}

void MemorySecretStore::write(const QString &key, const QString &value, QObject *context, Callback callback)
{
    m_values.insert(key, value);
    answerLater(context, std::move(callback), {});
}

void MemorySecretStore::remove(const QString &key, QObject *context, Callback callback)
{
    Result result;
    if (!m_values.remove(key)) {
        result.error = Error::NotFound;
        result.message = notFound(key);
    }
    answerLater(context, std::move(callback), std::move(result));
}

QString MemorySecretStore::backendName() const
{
    return QCoreApplication::translate("Workbench::SecretStore", "memory (this session only)");
}

} // namespace Workbench
