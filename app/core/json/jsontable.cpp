#include "core/json/jsontable.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Workbench::Json {

QJsonValue valueAt(const QJsonValue &root, QStringView keyPath)
{
    QJsonValue current = root;
    qsizetype i = 0;
    const qsizetype n = keyPath.size();
    while (i < n) {
        if (keyPath.at(i) == u'[') {
            const qsizetype close = keyPath.indexOf(u']', i);
            if (close < 0 || !current.isArray())
                return QJsonValue(QJsonValue::Undefined);
            bool ok = false;
            const qsizetype index = keyPath.mid(i + 1, close - i - 1).toLongLong(&ok);
            const QJsonArray array = current.toArray();
            if (!ok || index < 0 || index >= array.size())
                return QJsonValue(QJsonValue::Undefined);
            current = array.at(index);
            i = close + 1;
            if (i < n && keyPath.at(i) == u'.')
                ++i;
            continue;
        }
        qsizetype end = i;
        while (end < n && keyPath.at(end) != u'.' && keyPath.at(end) != u'[')
            ++end;
        if (!current.isObject())
            return QJsonValue(QJsonValue::Undefined);
        const QJsonObject object = current.toObject();
        const auto found = object.constFind(keyPath.mid(i, end - i));
        if (found == object.constEnd())
            return QJsonValue(QJsonValue::Undefined);
        current = found.value();
        i = end;
        if (i < n && keyPath.at(i) == u'.')
            ++i;
    }
    return current;
}

QString cellText(const QJsonValue &value, qsizetype maxLength)
{
    QString text;
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        const auto whole = static_cast<qint64>(number);
        text = static_cast<double>(whole) == number && std::abs(number) < 9.0e15 ? QString::number(whole)
                                                                                 : QString::number(number, 'g', 15);
        break;
    }
    case QJsonValue::String:
        text = value.toString();
        break;
    case QJsonValue::Array:
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        break;
    case QJsonValue::Object:
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        break;
    }
    if (maxLength > 0 && text.size() > maxLength) {
        text.truncate(maxLength);
        text += u'…';
    }
    // Control characters (line breaks, tabs, terminal escapes) as spaces: a cell is one line,
    // and a server's text never steers a terminal.
    for (QChar &c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7f && u <= 0x9f))
            c = u' ';
    }
    return text;
}

QStringList columnsOf(const QJsonArray &rows, const QStringList &preferred, qsizetype maxColumns, qsizetype sampledRows)
{
    const qsizetype sampled = std::min<qsizetype>(rows.size(), std::max<qsizetype>(1, sampledRows));
    QStringList columns;
    QSet<QString> seen;
    for (const QString &path : preferred) {
        if (columns.size() >= maxColumns)
            break;
        for (qsizetype i = 0; i < sampled; ++i) {
            if (!valueAt(rows.at(i), path).isUndefined()) {
                columns.append(path);
                seen.insert(path);
                break;
            }
        }
    }
    for (qsizetype i = 0; i < sampled && columns.size() < maxColumns; ++i) {
        const QJsonValue row = rows.at(i);
        if (!row.isObject())
            continue;
        const QJsonObject object = row.toObject();
        for (auto it = object.constBegin(); it != object.constEnd() && columns.size() < maxColumns; ++it) {
            const QString key = it.key();
            if (key.contains(u'.') || key.contains(u'[') || seen.contains(key))
                continue;
            seen.insert(key);
            columns.append(key);
        }
    }
    return columns;
}

bool isTableOfObjects(const QJsonArray &rows)
{
    bool anyObject = false;
    for (const auto &row : rows) {
        if (row.isObject())
            anyObject = true;
        else if (!row.isNull())
            return false;
    }
    return anyObject;
}

} // namespace Workbench::Json
