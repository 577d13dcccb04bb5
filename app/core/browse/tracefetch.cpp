#include "core/browse/tracefetch.h"

#include "core/logging/logging.h"
#include "core/rest/pager.h"
#include "core/rest/restclient.h"
#include "core/rest/restjob.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QThreadPool>

#include <algorithm>
#include <climits>
#include <memory>

using namespace Qt::StringLiterals;

namespace Workbench::Browse {

namespace {

// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Browse::TraceFetch)
};

constexpr int MaxParallel = 16;
constexpr qsizetype MaxTraceIdLength = 128;

bool isTraceId(const QString &id)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9_.-]+$"_s);
    return !id.isEmpty() && id.size() <= MaxTraceIdLength && pattern.match(id).hasMatch();
}

} // namespace

TraceFetch::TraceFetch(Rest::RestClient *client, QString traceId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_traceId(std::move(traceId))
{
}

TraceFetch::~TraceFetch()
{
    for (const QPointer<Rest::RestJob> &job : std::as_const(m_jobs)) {
        if (job) {
            job->disconnect(this);
            job->abort();
        }
    }
}

void TraceFetch::setParallel(int requests)
{
    m_parallel = std::clamp(requests, 1, MaxParallel);
}

void TraceFetch::setMaxCalls(qint64 calls)
{
    m_maxCalls = std::max<qint64>(1, calls);
}

void TraceFetch::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!isTraceId(m_traceId) || !m_client) {
        const QString problem = m_client
            ? Messages::tr("\"%1\" is no trace id: a trace id is letters and digits, as the backend shows "
                           "it.")
                  .arg(m_traceId.left(MaxTraceIdLength))
            : Messages::tr("There is no REST client to fetch trace %1 with.").arg(m_traceId);
        // finished() still comes after start() returns.
        QMetaObject::invokeMethod(
            this, [this, problem] { finishWith(Error::InvalidTraceId, problem); }, Qt::QueuedConnection);
        return;
    }
    QUrlQuery query;
    query.addQueryItem(u"retrievalSize"_s, QString::number(CallsPageSize));
    auto *pager = new Rest::Pager(m_client.data(), "GET", BackendTrace::callsPath(m_traceId), query, {}, this);
    pager->setStyle(Rest::Pager::Style::Cursors);
    pager->setMaxItems(m_maxCalls);
    m_pager = pager;
    connect(pager, &Rest::Pager::progressed, this, [this](const Rest::PagerProgress &progress) {
        if (progress.totalHits > m_maxCalls) {
            m_calls.clear();
            return finishWith(
                Error::TooManyCalls,
                Messages::tr("Trace %1 has %2 calls, more than the %3 a fetch takes; it is not fetched.")
                    .arg(m_traceId, QLocale().toString(progress.totalHits), QLocale().toString(m_maxCalls)));
        }
        Q_EMIT progressed(progress.items, -1);
    });
    connect(pager, &Rest::Pager::finished, this, &TraceFetch::onCalls);
    pager->start();
}

void TraceFetch::abort()
{
    if (m_finished)
        return;
    m_started = true;
    finishWith(Error::Cancelled, Messages::tr("Cancelled."));
}

void TraceFetch::onCalls(Rest::Pager *pager)
{
    if (pager != m_pager.data() || m_finished)
        return;
    m_pager.clear();
    pager->deleteLater();
    m_httpStatus = pager->httpStatus();
    switch (pager->error()) {
    case Rest::Pager::Error::None:
        break;
    case Rest::Pager::Error::Cancelled:
        return finishWith(Error::Cancelled, pager->errorString());
    case Rest::Pager::Error::Ceiling:
        return finishWith(Error::TooManyCalls,
                          Messages::tr("Trace %1 has more than %2 calls, the most a fetch takes; "
                                       "the fetch stops.")
                              .arg(m_traceId, QLocale().toString(m_maxCalls)));
    case Rest::Pager::Error::Request:
        if (pager->httpStatus() == 404)
            return finishWith(Error::NotFound, pager->errorString());
        return finishWith(Error::Request, pager->errorString());
    case Rest::Pager::Error::NotListing:
    case Rest::Pager::Error::InvalidRequest:
    case Rest::Pager::Error::RepeatedPage:
    case Rest::Pager::Error::CursorStuck:
    case Rest::Pager::Error::TooManyPages:
        return finishWith(Error::BadAnswer, pager->errorString());
    }
    m_calls = BackendTrace::readCalls(pager->items(), m_findings);
    if (m_calls.isEmpty())
        return finishWith(Error::NotFound,
                          pager->items().isEmpty()
                              ? Messages::tr("The backend has no calls of trace %1; it may be older than the data "
                                             "kept.")
                                    .arg(m_traceId)
                              : Messages::tr("None of the %n call(s) of trace %1 has an id.", nullptr,
                                             int(std::min<qsizetype>(pager->items().size(), INT_MAX)))
                                    .arg(m_traceId));
    qCDebug(lcRest) << "trace" << m_traceId << "has" << m_calls.size() << "call(s)";
    Q_EMIT progressed(0, m_calls.size());
    requestMore();
}

void TraceFetch::requestMore()
{
    m_jobs.removeIf([](const QPointer<Rest::RestJob> &job) { return job.isNull(); });
    while (!m_finished && m_jobs.size() < m_parallel && m_next < m_calls.size()) {
        Rest::RestClient *client = m_client.data();
        if (!client)
            return finishWith(Error::Request,
                              Messages::tr("There is no REST client to fetch trace %1 with.").arg(m_traceId));
        const qsizetype call = m_next++;
        Rest::RestJob *job = client->request("GET", BackendTrace::detailsPath(m_traceId, m_calls[call].id));
        job->setParent(this);
        m_jobs.append(job);
        connect(job, &Rest::RestJob::finished, this, [this, call](Rest::RestJob *done) { onDetails(done, call); });
        job->start();
    }
    if (!m_finished && !m_assembling && m_done == m_calls.size()) {
        // A trace of many thousand spans is put together in a thread of the pool, not in the
        // thread of the window; the texts are shared, not copied.
        m_assembling = true;
        QPointer<TraceFetch> guard(this);
        QThreadPool::globalInstance()->start([guard, traceId = m_traceId, calls = m_calls, spans = std::move(m_spans),
                                              findings = std::move(m_findings)]() mutable {
            auto conversion = std::make_shared<BackendTrace::Conversion>(
                BackendTrace::assemble(traceId, calls, spans, std::move(findings)));
            spans.clear();
            // Handed over in the application's thread, where the fetch (if it is still there) lives.
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [guard, conversion] {
                    if (TraceFetch *fetch = guard.data())
                        fetch->onAssembled(std::move(*conversion));
                },
                Qt::QueuedConnection);
        });
    }
}

void TraceFetch::onDetails(Rest::RestJob *job, qsizetype call)
{
    job->deleteLater();
    m_jobs.removeAll(job);
    if (m_finished)
        return;
    const BackendTrace::Call &which = m_calls[call];
    if (job->error() == Rest::Error::Cancelled)
        return finishWith(Error::Cancelled, job->errorString());
    if (job->error() != Rest::Error::None && job->httpStatus() == 404) {
        Finding finding;
        finding.severity = Finding::Severity::Warning;
        finding.rule = u"call-not-found"_s;
        finding.spanId = which.id;
        finding.message
            = Messages::tr("The backend has no details of call %1; its span is made from the call.").arg(which.id);
        m_findings.append(finding);
        m_spans.insert(which.id, {BackendTrace::spanFromCall(which)});
    } else if (job->error() != Rest::Error::None) {
        m_httpStatus = job->httpStatus();
        return finishWith(Error::Request, job->errorString());
    } else {
        const QJsonValue details = job->json().isObject() ? QJsonValue(job->json().object()) : QJsonValue();
        m_spans.insert(which.id, BackendTrace::spansOfCall(which, details, m_findings));
    }
    ++m_done;
    Q_EMIT progressed(m_done, m_calls.size());
    requestMore();
}

void TraceFetch::onAssembled(BackendTrace::Conversion conversion)
{
    if (m_finished)
        return;
    m_conversion = std::move(conversion);
    finishWith(Error::None, {});
}

void TraceFetch::finishWith(Error error, const QString &text)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_errorString = text;
    if (Rest::Pager *pager = m_pager.data()) {
        m_pager.clear();
        pager->disconnect(this);
        pager->abort();
        pager->deleteLater();
    }
    for (const QPointer<Rest::RestJob> &job : std::as_const(m_jobs)) {
        if (job) {
            job->disconnect(this);
            job->abort();
            job->deleteLater();
        }
    }
    m_jobs.clear();
    if (error != Error::None)
        m_conversion.findings = std::move(m_findings);
    qCDebug(lcRest) << "trace" << m_traceId << "->" << error << m_done << "of" << m_calls.size() << "call(s)";
    Q_EMIT finished(this);
}

} // namespace Workbench::Browse
