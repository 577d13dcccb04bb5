#pragma once

#include "core/rest/ratelimit.h"
#include "core/rest/resterror.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace Workbench::Rest {

class RestClient;
class RestJob;

// What a connection test found: the backend's version (GET /api/instana/version) and health
// (GET /api/instana/health), or how it failed.
struct BackendStatus
{
    Error error = Error::None;
    QString errorString; // one sentence; empty on success
    // InstanaVersionInfo
    QString branch;
    QString commit;
    QString imageTag;
    // HealthState: "GREEN", "YELLOW" or "RED"; and what the backend says about it.
    QString health;
    QStringList healthMessages;
    RateLimit rateLimit;

    bool ok() const { return error == Error::None; }
    // "3.267.99-0 (develop, 862420f)": the version as people read it.
    QString versionText() const;
};

// The connection test of the window's profile dialog and `iwb profile test`: asks for the
// version, then the health, through one client, and ends with exactly one finished(), never
// before start() returns. An answer of another shape is an error that says what came.
class BackendCheck : public QObject
{
    Q_OBJECT
public:
    explicit BackendCheck(RestClient *client, QObject *parent = nullptr);
    ~BackendCheck() override;

    void start();
    // Ends a running check as Cancelled at once.
    void abort();
    bool isFinished() const { return m_finished; }

    const BackendStatus &status() const { return m_status; }

Q_SIGNALS:
    void finished(Workbench::Rest::BackendCheck *check);

private:
    void onVersion(RestJob *job);
    void onHealth(RestJob *job);
    void finishWith(Error error, const QString &text);

    QPointer<RestClient> m_client;
    QPointer<RestJob> m_job;
    BackendStatus m_status;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Workbench::Rest
