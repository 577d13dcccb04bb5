#pragma once

#include "core/secrets/secretstore.h"

#include <QHash>

namespace Workbench {

// Secrets kept in this process only: for tests, and for a token someone chooses to use for
// this session when no keychain answers.
class MemorySecretStore : public SecretStore
{
public:
    void read(const QString &key, QObject *context, Callback callback) override;
    void write(const QString &key, const QString &value, QObject *context, Callback callback) override;
    void remove(const QString &key, QObject *context, Callback callback) override;
    QString backendName() const override;
    bool isPersistent() const override { return false; }

private:
    QHash<QString, QString> m_values;
};

} // namespace Workbench
