#pragma once

#include "core/browse/catalog.h"
#include "core/json/backgroundparse.h"
#include "core/rest/pager.h"
#include "core/rest/resterror.h"

#include <QJsonArray>
#include <QObject>
#include <QPointer>

#include <memory>

namespace Workbench::Rest {
class RestClient;
class RestJob;
} // namespace Workbench::Rest

namespace Workbench::Browse {

// Runs one catalog view against a tenant: its first answer, then, for a view with paging, the
// next page (loadMore) or every page left (fetchAll), each appended to rows(). What the REST
// Browser's pages and `iwb browse` both use, so that both ask the same and show the same.
//
// Answers are parsed off the calling thread (core/json/backgroundparse.h), so that a large one
// never blocks the GUI. Each of start(), loadMore() and fetchAll() ends with exactly one
// finished(), never before it returns; abort() ends the one running as Cancelled and keeps
// the rows that came. Fetching is bounded as Rest::Pager is (repeated pages, stuck cursors,
// page and item ceilings).
class ViewFetch : public QObject
{
    Q_OBJECT
public:
    enum class Error {
        None,
        Invalid, // the arguments do not make a request (requestFor's sentence)
        Request, // the request failed: requestError() and the job's sentence
        NotJson, // the answer is no JSON
        Shape, // the answer is JSON but not of the shape the view expects (rowsOf's sentence)
        Paging, // paging stopped: a repeated page, a stuck cursor, a ceiling (Pager's sentence)
        Cancelled,
    };
    Q_ENUM(Error)

    // The client must outlive the fetch. `nowMs` resolves a window that ends now.
    ViewFetch(Rest::RestClient *client, const ViewInfo &view, ViewArguments arguments, qint64 nowMs,
              QObject *parent = nullptr);
    ~ViewFetch() override;

    const ViewInfo &view() const { return m_view; }
    const ViewArguments &arguments() const { return m_arguments; }
    // The first page's request (empty method when the arguments make none).
    const ViewRequest &request() const { return m_request; }

    void start();
    // After a finished start() or loadMore() of a view with paging, when the last answer says
    // more can be had. loadMore() and fetchAll() do nothing (and signal nothing) when they
    // cannot go on: while running, or with nothing more to fetch.
    bool canLoadMore() const;
    void loadMore();
    // Every page left, with progressed() after each; from the first when not started.
    void fetchAll();
    void abort();
    bool isRunning() const { return m_running; }
    // The ceiling of pages, Rest::Pager::DefaultMaxPages unless set (at least 1); the item
    // ceiling is Pager's.
    void setMaxPages(int pages);
    int maxPages() const { return m_maxPages; }

    // How the last start(), loadMore() or fetchAll() ended.
    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    Rest::Error requestError() const { return m_requestError; }
    int httpStatus() const { return m_httpStatus; }

    // A list view's rows, every page so far, in order.
    const QJsonArray &rows() const { return m_rows; }
    // The last answer: its bytes as they came, and parsed (for a list view the last page; for a
    // detail view the object). Never null.
    const QByteArray &body() const { return m_body; }
    std::shared_ptr<const QJsonDocument> answer() const { return m_answer; }
    qint64 totalHits() const { return m_progress.totalHits; }
    // Pages answered, items, calls made (retries too) and the rate limit as last told.
    const Rest::PagerProgress &progress() const { return m_progress; }

Q_SIGNALS:
    void progressed(const Workbench::Rest::PagerProgress &progress);
    void finished(Workbench::Browse::ViewFetch *fetch);

private:
    void begin();
    void run(int pages);
    void takePage(const Rest::Pager &pager);
    void onPagerFinished(Rest::Pager *pager);
    void onJobFinished(Rest::RestJob *job);
    void onParsed(Json::ParsedJson parsed);
    void finishWith(Error error, const QString &text);

    ViewInfo m_view;
    ViewArguments m_arguments;
    ViewRequest m_request;
    qint64 m_nowMs = 0;
    QPointer<Rest::RestClient> m_client;
    QPointer<Rest::RestJob> m_job;
    QPointer<Rest::Pager> m_pager;
    QJsonArray m_rows;
    QByteArray m_body;
    std::shared_ptr<const QJsonDocument> m_answer;
    Rest::PagerProgress m_progress;
    QString m_errorString;
    Error m_error = Error::None;
    Rest::Error m_requestError = Rest::Error::None;
    int m_httpStatus = 0;
    bool m_running = false;
    // The next page (number or cursor) and the bounds are the pager's, which pauses after each
    // page of start() and loadMore() and resumes from there.
    QString m_invalid; // requestFor's sentence
    int m_maxPages = Rest::Pager::DefaultMaxPages;
    int m_generation = 0; // a parse that ends after its run was aborted is ignored
    bool m_started = false;
};

} // namespace Workbench::Browse
