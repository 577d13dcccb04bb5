#include "core/json/backgroundparse.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>

namespace Workbench::Json {

ParsedJson parseNow(const QByteArray &json)
{
    QElapsedTimer clock;
    clock.start();
    ParsedJson result;
    result.bytes = json.size();
    auto document = std::make_shared<QJsonDocument>(QJsonDocument::fromJson(json, &result.error));
    if (result.error.error != QJsonParseError::NoError)
        *document = QJsonDocument();
    result.document = std::move(document);
    result.elapsedMs = clock.elapsed();
    return result;
}

void parseInBackground(QByteArray json, QObject *context, std::function<void(ParsedJson)> done)
{
    QPointer<QObject> guard(context);
    QThreadPool::globalInstance()->start([json = std::move(json), guard, done = std::move(done)]() mutable {
        ParsedJson result = parseNow(json);
        json = QByteArray(); // let the text go before the document is handed over
        QObject *target = guard.data();
        if (!target)
            return;
        QMetaObject::invokeMethod(
            target,
            [guard, done = std::move(done), result = std::move(result)]() mutable {
                if (guard)
                    done(std::move(result));
            },
            Qt::QueuedConnection);
    });
}

} // namespace Workbench::Json
