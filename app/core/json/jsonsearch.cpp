#include "core/json/jsonsearch.h"

#include "core/json/jsontable.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QThreadPool>

#include <vector>

using namespace Qt::StringLiterals;

namespace Workbench::Json {

namespace {

bool scalarMatches(const QJsonValue &value, QStringView text)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString().contains(text, Qt::CaseInsensitive);
    case QJsonValue::Double:
    case QJsonValue::Bool:
        return cellText(value, 0).contains(text, Qt::CaseInsensitive);
    case QJsonValue::Null:
        return u"null"_s.contains(text, Qt::CaseInsensitive);
    case QJsonValue::Object:
    case QJsonValue::Array:
    case QJsonValue::Undefined:
        break;
    }
    return false;
}

bool stopped(const std::atomic_bool *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

} // namespace

bool matches(const QJsonValue &value, QStringView text)
{
    if (text.isEmpty())
        return true;
    std::vector<QJsonValue> pending{value};
    while (!pending.empty()) {
        const QJsonValue current = std::move(pending.back());
        pending.pop_back();
        if (current.isObject()) {
            const QJsonObject object = current.toObject();
            for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
                if (it.key().contains(text, Qt::CaseInsensitive))
                    return true;
                pending.push_back(it.value());
            }
        } else if (current.isArray()) {
            const QJsonArray array = current.toArray();
            for (const auto &element : array)
                pending.emplace_back(element);
        } else if (scalarMatches(current, text)) {
            return true;
        }
    }
    return false;
}

SearchResult findKeyPaths(const QJsonValue &root, QStringView text, qsizetype limit, const std::atomic_bool *cancel)
{
    SearchResult result;
    result.text = text.toString();
    if (text.isEmpty() || limit <= 0)
        return result;

    // One frame per open object or array: its value, the next child to look at, its key path.
    struct Frame
    {
        QJsonValue value;
        qsizetype next = 0;
        qsizetype size = 0;
        QString path;
        bool top = false; // the document itself: its members' paths start with their names
    };
    const auto sizeOf = [](const QJsonValue &value) -> qsizetype {
        if (value.isObject())
            return value.toObject().size();
        return value.isArray() ? value.toArray().size() : 0;
    };
    std::vector<Frame> stack;
    if (!root.isObject() && !root.isArray())
        return result;
    stack.push_back(Frame{root, 0, sizeOf(root), {}, true});
    while (!stack.empty()) {
        if ((result.visited & 0x3ff) == 0 && stopped(cancel)) {
            result.cancelled = true;
            return result;
        }
        Frame &frame = stack.back();
        if (frame.next >= frame.size) {
            stack.pop_back();
            continue;
        }
        const qsizetype i = frame.next++;
        QString path;
        QJsonValue child;
        bool keyMatched = false;
        if (frame.value.isArray()) {
            child = frame.value.toArray().at(i);
            path = frame.path + u'[' + QString::number(i) + u']';
        } else {
            const QJsonObject object = frame.value.toObject();
            const auto it = object.constBegin() + i;
            child = it.value();
            const QString key = it.key();
            keyMatched = key.contains(text, Qt::CaseInsensitive);
            path = frame.top ? key : frame.path + u'.' + key;
        }
        ++result.visited;
        if (keyMatched || scalarMatches(child, text)) {
            if (result.keyPaths.size() >= limit) {
                result.truncated = true;
                return result;
            }
            result.keyPaths.append(path);
        }
        const qsizetype size = sizeOf(child);
        if (size > 0)
            stack.push_back(Frame{child, 0, size, path, false}); // `frame` is not used after this
    }
    return result;
}

JsonTreeSearch::JsonTreeSearch(QObject *parent)
    : QObject(parent)
{
}

JsonTreeSearch::~JsonTreeSearch()
{
    cancel();
}

void JsonTreeSearch::start(std::shared_ptr<const QJsonDocument> document, const QString &text, qsizetype limit)
{
    cancel();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_running = true;
    const quint64 generation = ++m_generation;
    QPointer<JsonTreeSearch> guard(this);
    QThreadPool::globalInstance()->start(
        [document = std::move(document), text, limit, cancelled = m_cancel, guard, generation]() {
            QJsonValue root;
            if (document && document->isArray())
                root = document->array();
            else if (document && document->isObject())
                root = document->object();
            SearchResult result = findKeyPaths(root, text, limit, cancelled.get());
            QCoreApplication *application = QCoreApplication::instance();
            if (result.cancelled || !application)
                return;
            // Handed over through the application, which outlives the search's object: the
            // guard is read in the GUI thread only.
            QMetaObject::invokeMethod(
                application,
                [guard, generation, result = std::move(result)]() {
                    JsonTreeSearch *search = guard.data();
                    if (!search || search->m_generation != generation)
                        return;
                    search->m_running = false;
                    Q_EMIT search->finished(result);
                },
                Qt::QueuedConnection);
        });
}

void JsonTreeSearch::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    m_cancel.reset();
    ++m_generation;
    m_running = false;
}

} // namespace Workbench::Json
