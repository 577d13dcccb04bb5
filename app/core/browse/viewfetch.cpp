#include "core/browse/viewfetch.h"

#include "core/logging/logging.h"
#include "core/rest/restclient.h"
#include "core/rest/restjob.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Workbench::Browse {

namespace {

struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Browse::ViewFetch)
};

ViewFetch::Error errorOf(Rest::Pager::Error error)
{
    switch (error) {
    case Rest::Pager::Error::None:
        return ViewFetch::Error::None;
    case Rest::Pager::Error::Request:
        return ViewFetch::Error::Request;
    case Rest::Pager::Error::InvalidRequest:
        return ViewFetch::Error::Invalid;
    case Rest::Pager::Error::NotListing:
        return ViewFetch::Error::Shape;
    case Rest::Pager::Error::RepeatedPage:
    case Rest::Pager::Error::CursorStuck:
    case Rest::Pager::Error::TooManyPages:
    case Rest::Pager::Error::Ceiling:
        return ViewFetch::Error::Paging;
    case Rest::Pager::Error::Cancelled:
        return ViewFetch::Error::Cancelled;
    }
    return ViewFetch::Error::Request;
}

} // namespace

ViewFetch::ViewFetch(Rest::RestClient *client, const ViewInfo &view, ViewArguments arguments, qint64 nowMs,
                     QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_arguments(std::move(arguments))
    , m_nowMs(nowMs)
    , m_client(client)
    , m_answer(std::make_shared<const QJsonDocument>())
{
    if (auto request = requestFor(m_view, m_arguments, m_nowMs, &m_invalid))
        m_request = *request;
}

ViewFetch::~ViewFetch()
{
    delete m_job.data();
    delete m_pager.data();
}

void ViewFetch::setMaxPages(int pages)
{
    m_maxPages = std::max(1, pages);
    if (Rest::Pager *pager = m_pager.data())
        pager->setMaxPages(m_maxPages);
}

bool ViewFetch::canLoadMore() const
{
    const Rest::Pager *pager = m_pager.data();
    return !m_running && pager && pager->canResume();
}

void ViewFetch::begin()
{
    m_running = true;
    m_error = Error::None;
    m_errorString.clear();
    m_requestError = Rest::Error::None;
    ++m_generation;
}

void ViewFetch::start()
{
    if (m_running || m_started)
        return;
    m_started = true;
    begin();
    run(1);
}

void ViewFetch::loadMore()
{
    if (!canLoadMore())
        return;
    begin();
    m_pager->resume(1);
}

void ViewFetch::fetchAll()
{
    if (m_running)
        return;
    if (!m_started) {
        m_started = true;
        begin();
        run(0);
        return;
    }
    if (!canLoadMore())
        return;
    begin();
    m_pager->resume(0);
}

void ViewFetch::run(int pages)
{
    if (m_request.method.isEmpty()) {
        const QString problem = m_invalid;
        // finished() still comes after start() returns.
        QMetaObject::invokeMethod(
            this, [this, problem] { finishWith(Error::Invalid, problem); }, Qt::QueuedConnection);
        return;
    }
    Rest::RestClient *client = m_client.data();
    if (!client) {
        QMetaObject::invokeMethod(
            this,
            [this] { finishWith(Error::Invalid, Messages::tr("There is no REST client for %1.").arg(m_view.title)); },
            Qt::QueuedConnection);
        return;
    }
    if (m_request.paging != Paging::None) {
        auto *pager = new Rest::Pager(client, m_request.method, m_request.path, m_request.query, m_request.body, this);
        pager->setStyle(m_request.paging == Paging::Pages ? Rest::Pager::Style::Pages : Rest::Pager::Style::Cursors);
        pager->setParseInBackground(true);
        pager->setPauseAfter(pages);
        pager->setMaxPages(m_maxPages);
        m_pager = pager;
        connect(pager, &Rest::Pager::progressed, this, [this](const Rest::PagerProgress &progress) {
            if (Rest::Pager *p = m_pager.data())
                takePage(*p);
            m_progress = progress;
            Q_EMIT progressed(progress);
        });
        connect(pager, &Rest::Pager::finished, this, &ViewFetch::onPagerFinished);
        pager->start();
        return;
    }
    Rest::RestJob *job = client->request(m_request.method, m_request.path, m_request.query, m_request.body);
    job->setParseJson(false);
    job->setCheckJson(false); // parsed in the thread pool, which says when it is no JSON
    m_job = job;
    connect(job, &Rest::RestJob::finished, this, &ViewFetch::onJobFinished);
    job->start();
}

void ViewFetch::takePage(const Rest::Pager &pager)
{
    m_rows = pager.items();
    m_body = pager.lastBody();
    m_answer = pager.lastAnswer();
}

void ViewFetch::onPagerFinished(Rest::Pager *pager)
{
    if (pager != m_pager.data() || !m_running)
        return;
    takePage(*pager);
    m_progress = pager->progress();
    m_httpStatus = pager->httpStatus();
    m_requestError = pager->requestError();
    Error error = errorOf(pager->error());
    if (error == Error::Request && m_requestError == Rest::Error::NotJson)
        error = Error::NotJson;
    finishWith(error, pager->errorString());
}

void ViewFetch::onJobFinished(Rest::RestJob *job)
{
    if (job != m_job.data() || !m_running)
        return;
    m_job.clear();
    job->deleteLater();
    m_httpStatus = job->httpStatus();
    m_progress.calls += job->attempts();
    const Rest::RestClient *client = m_client.data();
    m_progress.rateLimit = job->rateLimit().isValid() || !client ? job->rateLimit() : client->rateLimit();
    if (job->error() != Rest::Error::None) {
        m_requestError = job->error();
        const Error error = job->error() == Rest::Error::Cancelled ? Error::Cancelled
            : job->error() == Rest::Error::NotJson                 ? Error::NotJson
                                                                   : Error::Request;
        return finishWith(error, job->errorString());
    }
    m_body = job->body();
    const bool blank = std::all_of(m_body.cbegin(), m_body.cend(), [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }); // stops at the first other byte: a large answer is not copied to be trimmed
    if (blank) {
        m_answer = std::make_shared<const QJsonDocument>();
        return finishWith(Error::Shape, Messages::tr("The answer for %1 is empty.").arg(m_view.title));
    }
    const int generation = m_generation;
    Json::parseInBackground(m_body, this, [this, generation](Json::ParsedJson parsed) {
        if (generation == m_generation && m_running)
            onParsed(std::move(parsed));
    });
}

void ViewFetch::onParsed(Json::ParsedJson parsed)
{
    m_answer = parsed.document;
    if (!parsed.ok()) {
        return finishWith(Error::NotJson,
                          Messages::tr("The answer for %1 is no JSON: %2 at byte %3.")
                              .arg(m_view.title, parsed.error.errorString())
                              .arg(parsed.error.offset));
    }
    const QJsonDocument &answer = *m_answer;
    if (m_view.isList) {
        QString problem;
        auto rows = rowsOf(m_view, answer, &problem);
        if (!rows)
            return finishWith(Error::Shape, problem);
        m_rows = *rows;
    } else if (!answer.isObject()) {
        return finishWith(Error::Shape, Messages::tr("The answer for %1 is no JSON object.").arg(m_view.title));
    }
    m_progress.pages = 1;
    m_progress.items = m_view.isList ? m_rows.size() : 1;
    Q_EMIT progressed(m_progress);
    finishWith(Error::None, {});
}

void ViewFetch::abort()
{
    if (!m_running)
        return;
    if (Rest::RestJob *job = m_job.data()) {
        m_job.clear();
        job->disconnect(this);
        job->abort();
        job->deleteLater();
    }
    if (Rest::Pager *pager = m_pager.data()) {
        pager->disconnect(this);
        pager->abort();
        takePage(*pager);
        m_progress = pager->progress();
        // Cancelled as it was: neither resumed nor resumable.
        m_pager.clear();
        pager->deleteLater();
    }
    finishWith(Error::Cancelled, Messages::tr("Cancelled."));
}

void ViewFetch::finishWith(Error error, const QString &text)
{
    if (!m_running)
        return;
    m_running = false;
    ++m_generation;
    m_error = error;
    m_errorString = text;
    qCDebug(lcRest) << "view" << m_view.name << "->" << error << m_rows.size() << "row(s)," << m_progress.calls
                    << "call(s)";
    Q_EMIT finished(this);
}

} // namespace Workbench::Browse
