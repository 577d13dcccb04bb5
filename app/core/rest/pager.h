#pragma once

#include "core/rest/ratelimit.h"
#include "core/rest/resterror.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrlQuery>

#include <memory>

namespace Workbench::Rest {

class RestClient;
class RestJob;

// How far a fetch of every page has come, for a progress line or bar.
struct PagerProgress
{
    int pages = 0; // answered so far
    qint64 items = 0; // merged so far
    qint64 totalHits = -1; // as the latest page told it; -1 when it did not
    int calls = 0; // requests sent, retries included: what the rate budget was charged
    RateLimit rateLimit; // as the latest answer told it

    friend bool operator==(const PagerProgress &, const PagerProgress &) = default;
};

// Fetches every page of an Instana listing through a RestClient and merges their `items`, in
// either of the API's two paging styles:
//   - pages: `page` (from 1) and `pageSize` in the query, `totalHits` in the answer; ends at an
//     empty or short page or once totalHits items came;
//   - cursors: the last item's `cursor` ({"@class", "ingestionTime", "offset"}) asks for the
//     next page while the answer says `canLoadMore`: in the query (`offset`, `ingestionTime`)
//     for GET, in the body's `pagination` for POST and the other methods with a body.
// Style::Automatic takes cursors for a body with `pagination`, pages for a query with `page` or
// `pageSize`, and otherwise the first answer decides: `canLoadMore` for cursors, else `totalHits`
// for pages, else it was the only page.
//
// It is bounded: a page equal to the one before, a cursor that does not advance while
// canLoadMore, more pages than the first totalHits can need, or more pages or items than the
// limits allow end the fetch with a sentence instead of going on. A page that fails ends it with
// that page's error (retries are the client's). Starts once, ends with exactly one finished(),
// never before start() returns, and with one more after each resume(); abort() ends it at once
// as Cancelled.
class Pager : public QObject
{
    Q_OBJECT
public:
    enum class Style {
        Automatic,
        Pages,
        Cursors,
    };
    Q_ENUM(Style)

    enum class Error {
        None,
        Request, // a page failed: requestError() and the job's sentence
        InvalidRequest, // the query's page or pageSize, or the body, cannot be paged
        NotListing, // an answer with no "items" array
        RepeatedPage, // a page equal to the one before it
        CursorStuck, // canLoadMore with a cursor that did not advance, or with no cursor at all
        TooManyPages, // more pages than the first answer's totalHits can need
        Ceiling, // more pages or items than the limits
        Cancelled,
    };
    Q_ENUM(Error)

    static constexpr int DefaultMaxPages = 10000;
    static constexpr qint64 DefaultMaxItems = 1000000;

    // `path`, `query` and `body` as RestClient::request() takes them. The client must outlive
    // the pager.
    Pager(RestClient *client, QByteArray method, QString path, const QUrlQuery &query = {}, QByteArray body = {},
          QObject *parent = nullptr);
    ~Pager() override;

    void setStyle(Style style) { m_style = style; }
    Style style() const { return m_style; }
    // At least 1 each.
    void setMaxPages(int pages);
    int maxPages() const { return m_maxPages; }
    void setMaxItems(qint64 items);
    qint64 maxItems() const { return m_maxItems; }
    // Whether answers are parsed in a thread of the pool (core/json/backgroundparse.h) instead of
    // this one, for pages too large for the GUI thread. Set before start().
    void setParseInBackground(bool background) { m_parseInBackground = background; }
    bool parsesInBackground() const { return m_parseInBackground; }
    // Pauses after this many pages of a start() or resume() (0, the default: never): when the
    // listing has more, the pager then finishes with Error::None and canResume(). The bounds
    // (repeated pages, stuck cursors, ceilings) span every run.
    void setPauseAfter(int pages) { m_pauseAfter = std::max(0, pages); }
    int pauseAfter() const { return m_pauseAfter; }

    void start();
    // After a finished() that paused (canResume()): asks for the page after the last one, and on
    // while there are more, pausing again after `pages` more (0: never). Ends with one more
    // finished(), never before it returns.
    bool canResume() const { return m_finished && m_paused; }
    void resume(int pages = 0);
    void abort();
    bool isRunning() const { return m_started && !m_finished; }
    bool isFinished() const { return m_finished; }

    // The style the fetch used: Automatic until it was decided.
    Style usedStyle() const { return m_used; }
    Error error() const { return m_error; }
    // One sentence; empty when error() is None.
    QString errorString() const { return m_errorString; }
    // For Error::Request: how the page's request ended.
    Rest::Error requestError() const { return m_requestError; }
    int httpStatus() const { return m_httpStatus; }

    // The items of every page, in order; what came before an error, too.
    const QJsonArray &items() const { return m_items; }
    const PagerProgress &progress() const { return m_progress; }
    // The last page answered: its body as it came, and parsed (never null).
    const QByteArray &lastBody() const { return m_lastBody; }
    std::shared_ptr<const QJsonDocument> lastAnswer() const { return m_lastAnswer; }

Q_SIGNALS:
    // After each page.
    void progressed(const Workbench::Rest::PagerProgress &progress);
    void finished(Workbench::Rest::Pager *pager);

private:
    void request();
    void onPage(RestJob *job);
    void onAnswer(std::shared_ptr<const QJsonDocument> answer, const QString &notJson);
    bool nextPage(const QJsonObject &answer, const QJsonArray &items);
    bool nextCursor(const QJsonObject &answer, const QJsonArray &items);
    QString what() const;
    void finishWith(Error error, const QString &text);

    QPointer<RestClient> m_client;
    QByteArray m_method;
    QString m_path;
    QUrlQuery m_query;
    QByteArray m_body;
    QJsonObject m_bodyObject; // for cursors in the body
    QPointer<RestJob> m_job;
    QJsonArray m_items;
    QByteArray m_lastBody;
    std::shared_ptr<const QJsonDocument> m_lastAnswer = std::make_shared<const QJsonDocument>();
    QJsonArray m_previousItems;
    QJsonObject m_previousCursor;
    PagerProgress m_progress;
    QString m_errorString;
    Style m_style = Style::Automatic;
    Style m_used = Style::Automatic;
    Error m_error = Error::None;
    Rest::Error m_requestError = Rest::Error::None;
    qint64 m_page = 1;
    qint64 m_firstPage = 1;
    qint64 m_pageSize = 0; // asked for or told; 0 when neither
    qint64 m_firstTotalHits = -1;
    int m_maxPages = DefaultMaxPages;
    qint64 m_maxItems = DefaultMaxItems;
    int m_httpStatus = 0;
    int m_pauseAfter = 0;
    int m_pagesThisRun = 0;
    bool m_parseInBackground = false;
    bool m_paused = false;
    bool m_cursorInBody = false;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Workbench::Rest

Q_DECLARE_METATYPE(Workbench::Rest::PagerProgress)
