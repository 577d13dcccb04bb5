#include "core/rest/pager.h"

#include "core/json/backgroundparse.h"
#include "core/logging/logging.h"
#include "core/rest/restclient.h"
#include "core/rest/restjob.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Workbench::Rest {

namespace {

struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Rest::Pager)
};

// At most this many member names are listed when an answer is no listing.
constexpr qsizetype MaxShownMembers = 8;

// What an answer that is no listing is, for the sentence: "an object with the members a, b".
QString describe(const QJsonDocument &json)
{
    if (json.isNull())
        return Messages::tr("an empty answer");
    if (json.isArray())
        return Messages::tr("an array of %n element(s)", nullptr,
                            int(std::min<qsizetype>(json.array().size(), 1 << 30)));
    const QJsonObject object = json.object();
    if (object.isEmpty())
        return Messages::tr("an empty object");
    QStringList keys = object.keys();
    const bool more = keys.size() > MaxShownMembers;
    keys = keys.mid(0, MaxShownMembers);
    QString text = Messages::tr("an object with the members %1").arg(keys.join(u", "_s));
    if (more)
        text += Messages::tr(", …");
    const QJsonValue items = object.value(u"items"_s);
    if (object.contains(u"items"_s) && !items.isArray())
        text += Messages::tr(" (its \"items\" is no array)");
    return text;
}

// A whole number of at least 1 in a query, or nothing.
std::optional<qint64> positiveNumber(const QString &text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 1)
        return std::nullopt;
    return value;
}

bool isCursor(const QJsonValue &value)
{
    const QJsonObject cursor = value.toObject();
    return cursor.value(u"ingestionTime"_s).isDouble() && cursor.value(u"offset"_s).isDouble();
}

} // namespace

Pager::Pager(RestClient *client, QByteArray method, QString path, const QUrlQuery &query, QByteArray body,
             QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_method(method.toUpper())
    , m_path(std::move(path))
    , m_query(query)
    , m_body(std::move(body))
{
}

Pager::~Pager()
{
    delete m_job.data();
}

void Pager::setMaxPages(int pages)
{
    m_maxPages = std::max(1, pages);
}

void Pager::setMaxItems(qint64 items)
{
    m_maxItems = std::max<qint64>(1, items);
}

QString Pager::what() const
{
    return QString::fromLatin1(m_method) + u' ' + m_path;
}

void Pager::start()
{
    if (m_started)
        return;
    m_started = true;
    // A body for the cursor is sent by the methods that carry one.
    m_cursorInBody = m_method != "GET" && m_method != "HEAD" && m_method != "DELETE";
    const QJsonDocument body = QJsonDocument::fromJson(m_body);
    m_bodyObject = body.object();
    QString problem;
    m_used = m_style;
    if (m_used == Style::Automatic) {
        if (m_cursorInBody && m_bodyObject.contains(u"pagination"_s))
            m_used = Style::Cursors;
        else if (m_query.hasQueryItem(u"page"_s) || m_query.hasQueryItem(u"pageSize"_s))
            m_used = Style::Pages;
    }
    if (m_cursorInBody && !m_body.trimmed().isEmpty() && !body.isObject() && m_used == Style::Cursors)
        problem = Messages::tr("The body of %1 is no JSON object, so its pagination cannot be set.").arg(what());
    if (m_used == Style::Pages) {
        const QString pageText = m_query.queryItemValue(u"page"_s);
        const QString sizeText = m_query.queryItemValue(u"pageSize"_s);
        const auto page = positiveNumber(pageText);
        const auto size = positiveNumber(sizeText);
        if (!pageText.isEmpty() && !page)
            problem = Messages::tr("The page of %1 must be a whole number from 1, not \"%2\".").arg(what(), pageText);
        else if (!sizeText.isEmpty() && !size)
            problem
                = Messages::tr("The pageSize of %1 must be a whole number from 1, not \"%2\".").arg(what(), sizeText);
        m_page = page.value_or(1);
        m_firstPage = m_page;
        m_pageSize = size.value_or(0);
    }
    if (!problem.isEmpty() || !m_client) {
        if (problem.isEmpty())
            problem = Messages::tr("There is no REST client for %1.").arg(what());
        // finished() still comes after start() returns.
        QMetaObject::invokeMethod(
            this, [this, problem] { finishWith(Error::InvalidRequest, problem); }, Qt::QueuedConnection);
        return;
    }
    request();
}

void Pager::abort()
{
    if (m_finished)
        return;
    if (RestJob *job = m_job.data()) {
        m_job.clear();
        job->disconnect(this);
        job->abort();
        job->deleteLater();
    }
    m_started = true;
    finishWith(Error::Cancelled, Messages::tr("Cancelled."));
}

void Pager::request()
{
    RestClient *client = m_client.data();
    if (!client)
        return finishWith(Error::InvalidRequest, Messages::tr("There is no REST client for %1.").arg(what()));
    RestJob *job = client->request(m_method, m_path, m_query, m_body);
    job->setParseJson(!m_parseInBackground);
    m_job = job;
    connect(job, &RestJob::finished, this, &Pager::onPage);
    job->start();
}

void Pager::onPage(RestJob *job)
{
    if (job != m_job.data() || m_finished)
        return;
    m_job.clear();
    job->deleteLater();

    m_progress.calls += job->attempts();
    const RestClient *client = m_client.data();
    m_progress.rateLimit = job->rateLimit().isValid() || !client ? job->rateLimit() : client->rateLimit();
    m_httpStatus = job->httpStatus();
    if (job->error() != Rest::Error::None) {
        m_requestError = job->error();
        return finishWith(job->error() == Rest::Error::Cancelled ? Error::Cancelled : Error::Request,
                          job->errorString());
    }
    m_lastBody = job->body();
    if (!m_parseInBackground || m_lastBody.trimmed().isEmpty())
        return onAnswer(std::make_shared<const QJsonDocument>(job->json()), {});
    Json::parseInBackground(m_lastBody, this, [this](Json::ParsedJson parsed) {
        onAnswer(parsed.document, parsed.ok() ? QString() : parsed.error.errorString());
    });
}

void Pager::onAnswer(std::shared_ptr<const QJsonDocument> parsed, const QString &notJson)
{
    if (m_finished)
        return; // aborted while it was parsed
    m_lastAnswer = std::move(parsed);
    if (!notJson.isEmpty())
        return finishWith(Error::NotListing, Messages::tr("The answer to %1 is no JSON: %2.").arg(what(), notJson));
    const QJsonDocument &json = *m_lastAnswer;
    const QJsonObject answer = json.object();
    const QJsonValue itemsValue = answer.value(u"items"_s);
    if (!json.isObject() || !itemsValue.isArray())
        return finishWith(Error::NotListing,
                          Messages::tr("The answer to %1 is no listing with an \"items\" array: it "
                                       "is %2.")
                              .arg(what(), describe(json)));
    const QJsonArray items = itemsValue.toArray();
    ++m_progress.pages;
    ++m_pagesThisRun;
    // In cursors the cursor is part of the items: a page that repeats is a cursor that did not move.
    if (m_used != Style::Cursors && !items.isEmpty() && items == m_previousItems)
        return finishWith(Error::RepeatedPage,
                          Messages::tr("Answer %1 to %2 holds the same items as the one before it; the fetch "
                                       "stops instead of asking again.")
                              .arg(m_progress.pages)
                              .arg(what()));
    for (const auto &item : items)
        m_items.append(item);
    m_progress.items = m_items.size();
    if (const QJsonValue total = answer.value(u"totalHits"_s); total.isDouble())
        m_progress.totalHits = total.toInteger(-1);
    Q_EMIT progressed(m_progress);
    if (m_items.size() > m_maxItems)
        return finishWith(Error::Ceiling,
                          Messages::tr("%1 has more than %2 items, the ceiling of a fetch of every "
                                       "page; the fetch stops.")
                              .arg(what(), QLocale().toString(m_maxItems)));
    m_previousItems = items;

    if (m_used == Style::Automatic) {
        if (answer.value(u"canLoadMore"_s).isBool())
            m_used = Style::Cursors;
        else if (answer.value(u"totalHits"_s).isDouble())
            m_used = Style::Pages;
        else
            return finishWith(Error::None, {}); // the only page
    }
    const bool more = m_used == Style::Pages ? nextPage(answer, items) : nextCursor(answer, items);
    if (!more || m_finished)
        return;
    if (m_progress.pages >= m_maxPages)
        return finishWith(Error::Ceiling,
                          Messages::tr("%1 has more than %n page(s), the ceiling of a fetch of every page; the fetch "
                                       "stops.",
                                       nullptr, m_maxPages)
                              .arg(what()));
    if (m_pauseAfter > 0 && m_pagesThisRun >= m_pauseAfter) {
        m_paused = true;
        return finishWith(Error::None, {});
    }
    request();
}

void Pager::resume(int pages)
{
    if (!canResume())
        return;
    m_paused = false;
    m_finished = false;
    m_error = Error::None;
    m_errorString.clear();
    m_pagesThisRun = 0;
    m_pauseAfter = std::max(0, pages);
    request();
}

bool Pager::nextPage(const QJsonObject &answer, const QJsonArray &items)
{
    // The size the server pages by: as it tells it, else as its first page shows it (which may
    // hold fewer than the query asked for, the server's own maximum).
    if (const qint64 told = answer.value(u"pageSize"_s).toInteger(0); told > 0)
        m_pageSize = told;
    else if (m_progress.pages == 1)
        m_pageSize = items.size();
    if (m_progress.pages == 1)
        m_firstTotalHits = m_progress.totalHits;
    const qint64 total = m_progress.totalHits;
    const qint64 skipped = (m_firstPage - 1) * m_pageSize; // on the pages before the first one asked for
    if (items.isEmpty() || (total >= 0 ? m_items.size() + skipped >= total : items.size() < m_pageSize)) {
        finishWith(Error::None, {});
        return false;
    }
    if (m_firstTotalHits >= 0 && m_pageSize > 0) {
        const qint64 needed = (m_firstTotalHits + m_pageSize - 1) / m_pageSize;
        if (m_page + 1 > needed) {
            finishWith(Error::TooManyPages,
                       Messages::tr("%1 said %2 items at first, which %n page(s) hold, yet asks for page %3; the "
                                    "fetch stops.",
                                    nullptr, int(std::min<qint64>(needed, 1 << 30)))
                           .arg(what(), QLocale().toString(m_firstTotalHits))
                           .arg(m_page + 1));
            return false;
        }
    }
    ++m_page;
    m_query.removeAllQueryItems(u"page"_s);
    m_query.addQueryItem(u"page"_s, QString::number(m_page));
    return true;
}

bool Pager::nextCursor(const QJsonObject &answer, const QJsonArray &items)
{
    if (!answer.value(u"canLoadMore"_s).toBool(false)) {
        finishWith(Error::None, {});
        return false;
    }
    if (items.isEmpty()) {
        finishWith(Error::CursorStuck,
                   Messages::tr("%1 says canLoadMore on a page without items, so there is no "
                                "cursor to go on from; the fetch stops.")
                       .arg(what()));
        return false;
    }
    const QJsonValue cursorValue = items.last().toObject().value(u"cursor"_s);
    if (!isCursor(cursorValue)) {
        finishWith(Error::CursorStuck,
                   Messages::tr("%1 says canLoadMore, but its last item has no cursor with "
                                "ingestionTime and offset to go on from; the fetch stops.")
                       .arg(what()));
        return false;
    }
    const QJsonObject cursor = cursorValue.toObject();
    const qint64 ingestionTime = cursor.value(u"ingestionTime"_s).toInteger();
    const qint64 offset = cursor.value(u"offset"_s).toInteger();
    if (cursor == m_previousCursor) {
        finishWith(Error::CursorStuck,
                   Messages::tr("%1 says canLoadMore, but the cursor of its last item did not advance (offset %2, "
                                "ingestionTime %3); the fetch stops instead of asking for the same page again.")
                       .arg(what())
                       .arg(offset)
                       .arg(ingestionTime));
        return false;
    }
    m_previousCursor = cursor;
    if (m_cursorInBody) {
        if (!m_body.trimmed().isEmpty() && !QJsonDocument::fromJson(m_body).isObject()) {
            finishWith(Error::InvalidRequest,
                       Messages::tr("The body of %1 is no JSON object, so its pagination cannot be set.").arg(what()));
            return false;
        }
        QJsonObject pagination = m_bodyObject.value(u"pagination"_s).toObject();
        pagination.insert(u"offset"_s, offset);
        pagination.insert(u"ingestionTime"_s, ingestionTime);
        m_bodyObject.insert(u"pagination"_s, pagination);
        m_body = QJsonDocument(m_bodyObject).toJson(QJsonDocument::Compact);
    } else {
        m_query.removeAllQueryItems(u"offset"_s);
        m_query.removeAllQueryItems(u"ingestionTime"_s);
        m_query.addQueryItem(u"offset"_s, QString::number(offset));
        m_query.addQueryItem(u"ingestionTime"_s, QString::number(ingestionTime));
    }
    return true;
}

void Pager::finishWith(Error error, const QString &text)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_errorString = text;
    qCDebug(lcRest) << "every page of" << what() << "->" << error << m_progress.pages << "page(s)," << m_items.size()
                    << "item(s)," << m_progress.calls << "call(s)";
    Q_EMIT finished(this);
}

} // namespace Workbench::Rest
