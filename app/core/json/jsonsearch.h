#pragma once

#include <QJsonDocument>
#include <QJsonValue>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

namespace Workbench::Json {

// Whether `text` occurs in `value`, ignoring case: in a string, in a number's or boolean's text
// as Json::cellText writes it, in "null"; inside objects and arrays in every member name and
// value at any depth. An empty text matches everything.
bool matches(const QJsonValue &value, QStringView text);

// What a search of a document found.
struct SearchResult
{
    QString text;
    QStringList keyPaths; // in document order: the members whose name holds the text, and the
                          // values (numbers, strings, booleans, nulls) whose text holds it
    bool truncated = false; // more matched than the limit: keyPaths has the first ones
    bool cancelled = false;
    qsizetype visited = 0; // values looked at
};

// The key paths (core/json/jsontable.h) in `root` that match `text`, the first `limit` of them.
// Walks the document without recursion (any depth); stops soon after `cancel` turns true.
SearchResult findKeyPaths(const QJsonValue &root, QStringView text, qsizetype limit,
                          const std::atomic_bool *cancel = nullptr);

// findKeyPaths() over a shared document in a thread of the global thread pool, for a document too
// large to search in the GUI thread. A new start() or cancel() forgets the search before it:
// only the latest search finishes, in this object's thread.
class JsonTreeSearch : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype DefaultLimit = 10000;

    explicit JsonTreeSearch(QObject *parent = nullptr);
    ~JsonTreeSearch() override;

    void start(std::shared_ptr<const QJsonDocument> document, const QString &text, qsizetype limit = DefaultLimit);
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void finished(const Workbench::Json::SearchResult &result);

private:
    std::shared_ptr<std::atomic_bool> m_cancel;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace Workbench::Json
