#include "core/browse/operationcatalog.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Workbench::Browse {

namespace {

struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Browse::OperationCatalog)
};

// The placeholder starting at `at` ("{name}" or "<name>"): its length, 0 when there is none.
qsizetype placeholderAt(QStringView path, qsizetype at, QStringView *name)
{
    const QChar open = path.at(at);
    if (open != u'{' && open != u'<')
        return 0;
    const QChar close = open == u'{' ? u'}' : u'>';
    for (qsizetype end = at + 1; end < path.size(); ++end) {
        const QChar c = path.at(end);
        if (c == close) {
            if (end == at + 1)
                return 0;
            *name = path.mid(at + 1, end - at - 1);
            return end - at + 1;
        }
        if (c == u'/' || c == u'{' || c == u'<')
            return 0;
    }
    return 0;
}

OperationParameter parameterFrom(const QJsonObject &object)
{
    OperationParameter parameter;
    parameter.name = object.value("name"_L1).toString();
    parameter.location = object.value("in"_L1).toString() == "path"_L1 ? OperationParameter::Location::Path
                                                                       : OperationParameter::Location::Query;
    parameter.required = object.value("required"_L1).toBool();
    parameter.type = object.value("type"_L1).toString();
    for (const auto &choice : object.value("enum"_L1).toArray())
        parameter.choices.append(choice.toString());
    parameter.description = object.value("description"_L1).toString();
    parameter.example = object.value("example"_L1).toString();
    return parameter;
}

bool holdsEveryWord(const Operation &operation, const QStringList &words)
{
    for (const QString &word : words) {
        if (!operation.path.contains(word, Qt::CaseInsensitive)
            && !operation.summary.contains(word, Qt::CaseInsensitive)
            && !operation.tag.contains(word, Qt::CaseInsensitive)
            && !operation.operationId.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace

QList<OperationParameter> Operation::parametersIn(OperationParameter::Location location) const
{
    QList<OperationParameter> result;
    for (const OperationParameter &parameter : parameters) {
        if (parameter.location == location)
            result.append(parameter);
    }
    return result;
}

const OperationCatalog &OperationCatalog::builtIn()
{
    static const OperationCatalog catalog = [] {
        QFile file(u":/api/operations.json"_s);
        if (!file.open(QIODevice::ReadOnly)) {
            OperationCatalog empty;
            empty.m_error = Messages::tr("The API's operations are not in this build (%1).").arg(file.errorString());
            return empty;
        }
        return fromJson(file.readAll());
    }();
    return catalog;
}

OperationCatalog OperationCatalog::fromJson(QByteArrayView json, QString *error)
{
    OperationCatalog catalog;
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.object().value("operations"_L1).isArray()) {
        catalog.m_error = parseError.error != QJsonParseError::NoError
            ? Messages::tr("The API's operations are no JSON: %1 at byte %2.")
                  .arg(parseError.errorString())
                  .arg(parseError.offset)
            : Messages::tr("The API's operations are no object with an \"operations\" array.");
        if (error)
            *error = catalog.m_error;
        return catalog;
    }
    const QJsonArray operations = document.object().value("operations"_L1).toArray();
    catalog.m_operations.reserve(operations.size());
    for (const auto &value : operations) {
        const QJsonObject object = value.toObject();
        Operation operation;
        operation.method = object.value("method"_L1).toString().toLatin1().toUpper();
        operation.path = object.value("path"_L1).toString();
        if (operation.method.isEmpty() || !operation.path.startsWith(u'/'))
            continue;
        operation.summary = object.value("summary"_L1).toString();
        operation.tag = object.value("tag"_L1).toString();
        operation.operationId = object.value("operationId"_L1).toString();
        for (const auto &parameter : object.value("parameters"_L1).toArray()) {
            if (parameter.isObject() && !parameter.toObject().value("name"_L1).toString().isEmpty())
                operation.parameters.append(parameterFrom(parameter.toObject()));
        }
        operation.bodyExample = object.value("body"_L1).toString();
        catalog.m_operations.append(std::move(operation));
    }
    return catalog;
}

QList<const Operation *> OperationCatalog::search(QStringView text, qsizetype limit) const
{
    const QString trimmed = text.trimmed().toString();
    const QStringList words = trimmed.split(u' ', Qt::SkipEmptyParts);
    QList<const Operation *> leading;
    QList<const Operation *> others;
    for (const Operation &operation : m_operations) {
        if (!holdsEveryWord(operation, words))
            continue;
        if (!trimmed.isEmpty() && operation.path.startsWith(trimmed, Qt::CaseInsensitive))
            leading.append(&operation);
        else
            others.append(&operation);
    }
    leading.append(others);
    if (limit >= 0 && leading.size() > limit)
        leading.resize(limit);
    return leading;
}

const Operation *OperationCatalog::find(QByteArrayView method, QStringView path) const
{
    const QByteArray upper = method.toByteArray().toUpper();
    QStringView bare = path;
    if (const qsizetype mark = bare.indexOf(u'?'); mark >= 0)
        bare = bare.left(mark);
    const Operation *filled = nullptr;
    qsizetype fewest = 0;
    for (const Operation &operation : m_operations) {
        if (operation.method != upper)
            continue;
        if (operation.path == bare)
            return &operation;
        // The template with the fewest placeholders wins: "/{a}/{b}" loses to "/{a}/search".
        QHash<QString, QString> values;
        if (matchPath(operation.path, bare, &values) && (!filled || values.size() < fewest)) {
            filled = &operation;
            fewest = values.size();
        }
    }
    return filled;
}

QString fillPath(const Operation &operation, const QHash<QString, QString> &values, QStringList *missing)
{
    return fillPath(operation.path, values, missing);
}

QString fillPath(QStringView pathTemplate, const QHash<QString, QString> &values, QStringList *missing)
{
    QString result;
    result.reserve(pathTemplate.size());
    for (qsizetype i = 0; i < pathTemplate.size();) {
        QStringView name;
        const qsizetype length = placeholderAt(pathTemplate, i, &name);
        if (length == 0) {
            result += pathTemplate.at(i);
            ++i;
            continue;
        }
        const QString value = values.value(name.toString());
        if (value.isEmpty()) {
            result += pathTemplate.mid(i, length);
            if (missing && !missing->contains(name.toString()))
                missing->append(name.toString());
        } else {
            result += QString::fromLatin1(QUrl::toPercentEncoding(value));
        }
        i += length;
    }
    return result;
}

bool matchPath(QStringView pathTemplate, QStringView path, QHash<QString, QString> *values)
{
    qsizetype p = 0;
    for (qsizetype t = 0; t < pathTemplate.size();) {
        QStringView name;
        const qsizetype length = placeholderAt(pathTemplate, t, &name);
        if (length == 0) {
            if (p >= path.size() || path.at(p) != pathTemplate.at(t))
                return false;
            ++p;
            ++t;
            continue;
        }
        t += length;
        // The value runs to the template's next literal character (or the segment's end).
        const QChar stop = t < pathTemplate.size() ? pathTemplate.at(t) : u'/';
        qsizetype end = p;
        while (end < path.size() && path.at(end) != u'/' && path.at(end) != stop)
            ++end;
        if (end == p)
            return false;
        if (values)
            values->insert(name.toString(), QUrl::fromPercentEncoding(path.mid(p, end - p).toUtf8()));
        p = end;
    }
    return p == path.size();
}

} // namespace Workbench::Browse
