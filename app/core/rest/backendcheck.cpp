#include "core/rest/backendcheck.h"

#include "core/rest/restclient.h"
#include "core/rest/restjob.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Workbench::Rest {
namespace {
const QString VersionPath = u"/api/instana/version"_s;
const QString HealthPath = u"/api/instana/health"_s;

// The JSON type's name, for a sentence about an answer of the wrong shape.
QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return BackendCheck::tr("null");
    case QJsonValue::Bool:
        return BackendCheck::tr("a boolean");
    case QJsonValue::Double:
        return BackendCheck::tr("a number");
    case QJsonValue::String:
        return BackendCheck::tr("a string");
    case QJsonValue::Array:
        return BackendCheck::tr("an array");
    case QJsonValue::Object:
        return BackendCheck::tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return BackendCheck::tr("nothing");
}
} // namespace

QString BackendStatus::versionText() const
{
    QStringList details;
    if (!branch.isEmpty())
        details.append(branch);
    if (!commit.isEmpty())
        details.append(commit.left(7));
    const QString tag = imageTag.isEmpty() ? BackendCheck::tr("unknown version") : imageTag;
    return details.isEmpty() ? tag : tag + u" ("_s + details.join(u", "_s) + u')';
}

BackendCheck::BackendCheck(RestClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

BackendCheck::~BackendCheck()
{
    if (m_job)
        m_job->disconnect(this);
    delete m_job;
}

void BackendCheck::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!m_client) {
        QMetaObject::invokeMethod(
            this, [this] { finishWith(Error::Cancelled, tr("The connection was closed before the test.")); },
            Qt::QueuedConnection);
        return;
    }
    m_job = m_client->request("GET", VersionPath);
    connect(m_job, &RestJob::finished, this, &BackendCheck::onVersion);
    m_job->start();
}

void BackendCheck::abort()
{
    if (m_finished)
        return;
    if (m_job)
        m_job->disconnect(this);
    delete m_job;
    finishWith(Error::Cancelled, tr("The connection test was cancelled."));
}

void BackendCheck::onVersion(RestJob *job)
{
    job->deleteLater();
    m_job.clear();
    m_status.rateLimit = job->rateLimit();
    if (job->error() != Error::None) {
        finishWith(job->error(), job->errorString());
        return;
    }
    const QJsonDocument &document = job->json();
    if (!document.isObject()) {
        finishWith(Error::NotJson,
                   tr("The answer of %1 is %2, not the object of a version.")
                       .arg(VersionPath, document.isArray() ? tr("an array") : tr("empty")));
        return;
    }
    const QJsonObject version = document.object();
    for (const QString &key : {u"branch"_s, u"commit"_s, u"imageTag"_s}) {
        const QJsonValue value = version.value(key);
        if (!value.isUndefined() && !value.isString() && !value.isNull()) {
            finishWith(Error::NotJson,
                       tr("The answer of %1 is no version: its \"%2\" is %3, not a string.")
                           .arg(VersionPath, key, typeName(value)));
            return;
        }
    }
    m_status.branch = version.value(u"branch"_s).toString();
    m_status.commit = version.value(u"commit"_s).toString();
    m_status.imageTag = version.value(u"imageTag"_s).toString();
    if (!m_client) {
        finishWith(Error::Cancelled, tr("The connection was closed during the test."));
        return;
    }
    m_job = m_client->request("GET", HealthPath);
    connect(m_job, &RestJob::finished, this, &BackendCheck::onHealth);
    m_job->start();
}

void BackendCheck::onHealth(RestJob *job)
{
    job->deleteLater();
    m_job.clear();
    if (job->rateLimit().isValid())
        m_status.rateLimit = job->rateLimit();
    if (job->error() != Error::None) {
        finishWith(job->error(), job->errorString());
        return;
    }
    const QJsonDocument &document = job->json();
    const QJsonObject health = document.object();
    const QJsonValue state = health.value(u"health"_s);
    static const QStringList states{u"GREEN"_s, u"YELLOW"_s, u"RED"_s};
    if (!document.isObject() || !state.isString() || !states.contains(state.toString())) {
        finishWith(
            Error::NotJson,
            tr("The answer of %1 is no health state: \"health\" is not one of GREEN, YELLOW and RED.").arg(HealthPath));
        return;
    }
    m_status.health = state.toString();
    const QJsonValue messages = health.value(u"messages"_s);
    if (!messages.isUndefined() && !messages.isArray() && !messages.isNull()) {
        finishWith(Error::NotJson,
                   tr("The answer of %1 is no health state: its \"messages\" is %2, not an array.")
                       .arg(HealthPath, typeName(messages)));
        return;
    }
    for (const auto &message : messages.toArray())
        m_status.healthMessages.append(message.isString() ? message.toString() : typeName(message));
    finishWith(Error::None, {});
}

void BackendCheck::finishWith(Error error, const QString &text)
{
    if (m_finished)
        return;
    m_finished = true;
    m_status.error = error;
    m_status.errorString = text;
    Q_EMIT finished(this);
}

} // namespace Workbench::Rest
