#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace Workbench::Browse {

// One request sent to a tenant, as the request line and `iwb api` sent it: enough to send it
// again. Never a token nor an Authorization header: those are not part of a request here, and
// query values whose name says they are a secret (token, apiToken, password, ...) are kept as
// "<redacted>".
struct RequestRecord
{
    QByteArray method; // "GET"
    QString path; // as sent, placeholders filled: "/api/infrastructure-monitoring/snapshots/abc"
    QUrlQuery query;
    QByteArray body; // JSON text; empty for none, and when it was over MaxBodyBytes
    bool bodyOmitted = false; // the body was too large to keep
    int status = 0; // the HTTP status; 0 when no answer came
    qint64 time = 0; // ms since the epoch, when it was sent
    qint64 durationMs = 0;

    static constexpr qsizetype MaxBodyBytes = 256 * 1024;

    // The request with a query written into the path moved into `query`, secret query values
    // redacted, and a body over MaxBodyBytes dropped.
    RequestRecord kept() const;
};

// The last requests of one connection profile, newest last, in one JSON file per profile under
// the data dir ($XDG_DATA_HOME/instana-workbench/rest-history/NAME.json), shared by the window
// and iwb. Each change rewrites the file atomically (Io::OutputFile) under a lock file, so two
// processes never lose each other's entries. A file that cannot be read as a history (no JSON,
// another shape, an entry of the wrong types) is damaged: it is reported and left byte for byte
// as it is, never rewritten nor deleted, and nothing is recorded until it is moved away.
class RequestHistory
{
public:
    static constexpr int MaxEntries = 200;
    static constexpr qint64 MaxFileBytes = qint64(64) * 1024 * 1024;

    explicit RequestHistory(const QString &profileName, const QString &directory = defaultDirectory());
    static QString defaultDirectory(); // Paths::dataDir() + "/rest-history"
    QString profileName() const { return m_profile; }
    QString file() const { return m_file; }

    // Oldest first; empty when there is no file yet. nullopt with *error when the file is damaged
    // or cannot be read ("the request history … is damaged: …; it is left as it is").
    std::optional<QList<RequestRecord>> load(QString *error = nullptr) const;
    // Adds `record` (kept()) and drops the oldest past MaxEntries. False with *error when the
    // file is damaged (it is not touched) or cannot be written.
    bool append(const RequestRecord &record, QString *error = nullptr);
    bool clear(QString *error = nullptr);

    static QByteArray toJson(const QList<RequestRecord> &records);

private:
    QString m_profile;
    QString m_file;
};

// Whether a query item's name says its value is a secret: "token", "apiToken", "api_key",
// "password", "secret", "authorization" (case-insensitive, as part of the name).
bool isSecretName(QStringView name);

} // namespace Workbench::Browse
