#pragma once

#include "core/profiles/connectionprofile.h"
#include "core/rest/ratelimit.h"

#include <QObject>
#include <QPointer>

namespace Workbench {

namespace Rest {
class BackendCheck;
class RestClient;
struct BackendStatus;
} // namespace Rest

// One connection test of a profile, as the profile dialogs run it: the core's BackendCheck
// through a RestClient of the profile's options and token, without blocking, cancellable.
// Each test has a network access manager of its own: a shared one would reuse a connection
// made with other TLS settings (a CA bundle added since, verification turned off) to the same
// host and port, and so test what is not in the form.
class ConnectionTest : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionTest(QObject *parent = nullptr);
    ~ConnectionTest() override;

    // Starts a test; one that runs is cancelled first (without its finished()).
    void start(const ConnectionProfile &profile, const QString &token);
    // Ends a running test: finished(false, "…cancelled.").
    void cancel();
    bool isRunning() const;

    // The outcome as people read it: version and health, or the failure as the core says it.
    static QString describe(const Rest::BackendStatus &status);
    // A text of the profile dialogs as rich text: escaped, green for what went well, red for a
    // failure or a problem.
    static QString outcomeHtml(const QString &text, bool ok);

Q_SIGNALS:
    void finished(bool ok, const QString &text);
    // A rate limit an answer of the test told, for the profile `profileName`.
    void rateLimitSeen(const QString &profileName, const Workbench::Rest::RateLimit &rateLimit);

private:
    void stop();

    QPointer<Rest::RestClient> m_client;
    QPointer<Rest::BackendCheck> m_check;
};

} // namespace Workbench
