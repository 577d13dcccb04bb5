#include "core/events/eventtemplate.h"

#include "core/settings/paths.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::TemplateStore)
};
} // namespace

QString currentUser()
{
    for (const char *name : {"USER", "USERNAME", "LOGNAME"}) {
        QString value = qEnvironmentVariable(name);
        if (!value.isEmpty())
            return value;
    }
    return Messages::tr("unknown user");
}

QJsonObject toJson(const EventTemplate &entry)
{
    QJsonObject object{{u"name"_s, entry.name}, {u"title"_s, entry.event.title}};
    if (!entry.event.text.isEmpty())
        object.insert(u"text"_s, entry.event.text);
    object.insert(u"severity"_s, entry.event.severity);
    if (entry.event.duration)
        object.insert(u"duration"_s, *entry.event.duration);
    if (!entry.event.plugin.isEmpty())
        object.insert(u"plugin"_s, entry.event.plugin);
    if (!entry.event.id.isEmpty())
        object.insert(u"id"_s, entry.event.id);
    if (!entry.event.host.isEmpty())
        object.insert(u"host"_s, entry.event.host);
    return object;
}

std::optional<EventTemplate> fromJson(const QJsonObject &object)
{
    EventTemplate entry;
    entry.name = object.value("name"_L1).toString().trimmed();
    if (entry.name.isEmpty())
        return std::nullopt;
    entry.event.title = object.value("title"_L1).toString();
    entry.event.text = object.value("text"_L1).toString();
    entry.event.severity = int(object.value("severity"_L1).toInteger(EventSeverity::Change));
    if (object.contains("duration"_L1))
        entry.event.duration = object.value("duration"_L1).toInteger();
    entry.event.plugin = object.value("plugin"_L1).toString();
    entry.event.id = object.value("id"_L1).toString();
    entry.event.host = object.value("host"_L1).toString();
    return entry;
}
} // namespace

TemplateContext TemplateContext::current(qint64 nowMs)
{
    TemplateContext context;
    context.user = currentUser();
    context.host = QSysInfo::machineHostName();
    context.nowMs = nowMs;
    return context;
}

namespace TemplateVariables {

QString expand(const QString &text, const TemplateContext &context, QStringList *unknown)
{
    if (!text.contains(u'$'))
        return text;
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(context.nowMs, Qt::UTC);
    QString result;
    result.reserve(text.size());
    qsizetype at = 0;
    while (at < text.size()) {
        const QChar c = text.at(at);
        if (c == u'$' && text.mid(at, 3) == "$${"_L1) {
            result.append("${"_L1);
            at += 3;
            continue;
        }
        if (c != u'$' || at + 1 >= text.size() || text.at(at + 1) != u'{') {
            result.append(c);
            ++at;
            continue;
        }
        const qsizetype close = text.indexOf(u'}', at + 2);
        if (close < 0) {
            result.append(text.mid(at));
            if (unknown)
                unknown->append(text.mid(at));
            break;
        }
        const QString name = text.mid(at + 2, close - at - 2).trimmed();
        QString value;
        bool known = true;
        if (name == "user"_L1)
            value = context.user;
        else if (name == "host"_L1)
            value = context.host;
        else if (name == "now"_L1)
            value = now.toString(Qt::ISODate);
        else if (name == "date"_L1)
            value = now.toString(u"yyyy-MM-dd"_s);
        else if (name == "time"_L1)
            value = now.toString(u"HH:mm"_s);
        else if (name.startsWith("env:"_L1) && name.size() > 4)
            value = context.environment ? context.environment(name.mid(4))
                                        : qEnvironmentVariable(qPrintable(name.mid(4)));
        else
            known = false;
        if (known) {
            result.append(value);
        } else {
            result.append(text.mid(at, close - at + 1));
            if (unknown)
                unknown->append(text.mid(at, close - at + 1));
        }
        at = close + 1;
    }
    return result;
}

Event expand(const Event &event, const TemplateContext &context, QStringList *unknown)
{
    Event expanded = event;
    expanded.title = expand(event.title, context, unknown);
    expanded.text = expand(event.text, context, unknown);
    expanded.plugin = expand(event.plugin, context, unknown);
    expanded.id = expand(event.id, context, unknown);
    expanded.host = expand(event.host, context, unknown);
    return expanded;
}

QString help()
{
    return Messages::tr(
        "Variables: ${user}, ${host}, ${now} (UTC, ISO 8601), ${date}, ${time}, ${env:NAME}; $${ writes ${.");
}

} // namespace TemplateVariables

TemplateStore::TemplateStore(const QString &file)
    : m_file(file)
{
}

QString TemplateStore::defaultFile()
{
    return Paths::dataDir() + "/templates.json"_L1;
}

QList<EventTemplate> TemplateStore::builtIns()
{
    auto make = [](const QString &name, const QString &title, const QString &text, int severity,
                   std::optional<qint64> duration = std::nullopt) {
        EventTemplate entry;
        entry.name = name;
        entry.event.title = title;
        entry.event.text = text;
        entry.event.severity = severity;
        entry.event.duration = duration;
        entry.builtIn = true;
        return entry;
    };
    return {
        make(Messages::tr("Deploy started"), u"Deploy started on ${host}"_s,
             u"${user} started a deployment at ${now}."_s, EventSeverity::Change),
        make(Messages::tr("Deploy finished"), u"Deploy finished on ${host}"_s,
             u"${user} finished a deployment at ${now}."_s, EventSeverity::Change),
        make(Messages::tr("Rollback"), u"Rollback on ${host}"_s,
             u"${user} rolled back the last deployment at ${now}."_s, EventSeverity::Warning),
        make(Messages::tr("Maintenance window (1 hour)"), u"Maintenance on ${host}"_s,
             u"Planned maintenance by ${user}, starting ${now}."_s, EventSeverity::Change, 60LL * 60 * 1000),
        make(Messages::tr("Health check failed"), u"Health check failed on ${host}"_s,
             u"Reported by ${user} at ${now}."_s, EventSeverity::Critical),
    };
}

QList<EventTemplate> TemplateStore::userTemplates(QString *error) const
{
    QFile file(m_file);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = Messages::tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(m_file), file.errorString());
        return {};
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray()) {
        if (error)
            *error = Messages::tr("%1 is damaged; only the built-in templates are shown.")
                         .arg(QDir::toNativeSeparators(m_file));
        return {};
    }
    QList<EventTemplate> entries;
    const QJsonArray array = document.array();
    for (const auto &value : array) {
        if (auto entry = fromJson(value.toObject()))
            entries.append(*entry);
    }
    return entries;
}

QList<EventTemplate> TemplateStore::templates(QString *error) const
{
    const QList<EventTemplate> own = userTemplates(error);
    QList<EventTemplate> all;
    for (const EventTemplate &builtIn : builtIns()) {
        const bool replaced
            = std::any_of(own.cbegin(), own.cend(), [&](const EventTemplate &e) { return e.name == builtIn.name; });
        if (!replaced)
            all.append(builtIn);
    }
    QList<EventTemplate> sorted = own;
    std::sort(sorted.begin(), sorted.end(), [](const EventTemplate &a, const EventTemplate &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    all.append(sorted);
    return all;
}

std::optional<EventTemplate> TemplateStore::find(const QString &name, QString *error) const
{
    const QList<EventTemplate> all = templates(error);
    for (const EventTemplate &entry : all) {
        if (entry.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return entry;
    }
    return std::nullopt;
}

bool TemplateStore::save(const EventTemplate &entry, QString *error)
{
    if (entry.name.trimmed().isEmpty()) {
        if (error)
            *error = Messages::tr("A template needs a name.");
        return false;
    }
    QString readError;
    QList<EventTemplate> own = userTemplates(&readError);
    if (!readError.isEmpty()) {
        if (error)
            *error = readError;
        return false;
    }
    EventTemplate stored = entry;
    stored.name = entry.name.trimmed();
    stored.builtIn = false;
    stored.event.timestamp.reset();
    const auto it = std::find_if(own.begin(), own.end(), [&](const EventTemplate &e) { return e.name == stored.name; });
    if (it != own.end())
        *it = stored;
    else
        own.append(stored);
    return write(own, error);
}

bool TemplateStore::remove(const QString &name, QString *error)
{
    QString readError;
    QList<EventTemplate> own = userTemplates(&readError);
    if (!readError.isEmpty()) {
        if (error)
            *error = readError;
        return false;
    }
    const qsizetype removed = own.removeIf([&](const EventTemplate &e) { return e.name == name; });
    if (removed == 0) {
        if (error)
            *error = Messages::tr("There is no saved template called \"%1\"; built-in templates cannot be removed.")
                         .arg(name);
        return false;
    }
    return write(own, error);
}

bool TemplateStore::write(const QList<EventTemplate> &entries, QString *error)
{
    QJsonArray array;
    for (const EventTemplate &entry : entries)
        array.append(toJson(entry));
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QSaveFile file(m_file);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(array).toJson()) < 0 || !file.commit()) {
        if (error)
            *error = Messages::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_file), file.errorString());
        return false;
    }
    return true;
}

} // namespace Workbench
