#include "ui/connection/connectiontest.h"

#include "core/rest/backendcheck.h"
#include "core/rest/restclient.h"

using namespace Qt::StringLiterals;

namespace Workbench {

ConnectionTest::ConnectionTest(QObject *parent)
    : QObject(parent)
{
}

ConnectionTest::~ConnectionTest()
{
    stop();
}

void ConnectionTest::start(const ConnectionProfile &profile, const QString &token)
{
    stop();
    m_client = new Rest::RestClient(profile.options(), token, nullptr, this);
    m_check = new Rest::BackendCheck(m_client, this);
    const QString name = profile.name;
    connect(m_client, &Rest::RestClient::rateLimitChanged, this,
            [this, name](const Rest::RateLimit &rateLimit) { Q_EMIT rateLimitSeen(name, rateLimit); });
    connect(m_check, &Rest::BackendCheck::finished, this, [this](Rest::BackendCheck *check) {
        const Rest::BackendStatus status = check->status();
        check->deleteLater();
        if (m_client)
            m_client->deleteLater();
        m_check.clear();
        m_client.clear();
        Q_EMIT finished(status.ok(), describe(status));
    });
    m_check->start();
}

void ConnectionTest::cancel()
{
    // Read once: a guarded pointer read twice is two loads, the second of which the optimiser
    // cannot prove non-null.
    if (Rest::BackendCheck *check = m_check.data(); check && !check->isFinished())
        check->abort();
}

bool ConnectionTest::isRunning() const
{
    const Rest::BackendCheck *check = m_check.data();
    return check && !check->isFinished();
}

QString ConnectionTest::describe(const Rest::BackendStatus &status)
{
    if (!status.ok())
        return status.errorString;
    QString text = tr("Connected: Instana %1, health %2.").arg(status.versionText(), status.health);
    if (!status.healthMessages.isEmpty())
        text += u' ' + status.healthMessages.join(u' ');
    return text;
}

QString ConnectionTest::outcomeHtml(const QString &text, bool ok)
{
    return u"<span style=\"color:"_s + (ok ? u"#2e7d32"_s : u"#c62828"_s) + u"\">"_s + text.toHtmlEscaped()
        + u"</span>"_s;
}

void ConnectionTest::stop()
{
    if (m_check) {
        m_check->disconnect(this);
        delete m_check;
    }
    delete m_client;
}

} // namespace Workbench
