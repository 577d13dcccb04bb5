#pragma once

#include "core/events/event.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Workbench {

// What ${...} variables in a template stand for when it is fired.
struct TemplateContext
{
    QString user;
    QString host;
    qint64 nowMs = 0;
    // ${env:NAME} reads the process environment unless a test sets this.
    std::function<QString(const QString &)> environment;

    // The user and host of this process, at `nowMs`.
    static TemplateContext current(qint64 nowMs);
};

namespace TemplateVariables {
// ${user}, ${host}, ${now} (ISO 8601, UTC), ${date} (yyyy-MM-dd), ${time} (HH:mm, UTC),
// ${env:NAME}; "$${" writes a literal "${". Unknown names stay as written and are reported
// in *unknown.
QString expand(const QString &text, const TemplateContext &context, QStringList *unknown = nullptr);
// The event with every text field expanded.
Event expand(const Event &event, const TemplateContext &context, QStringList *unknown = nullptr);
// One line naming the variables, for tooltips and help.
QString help();
} // namespace TemplateVariables

// A named event to start from. Its event has no timestamp: that is fixed when it is fired.
struct EventTemplate
{
    QString name;
    Event event;
    bool builtIn = false;
};

// The templates that ship with the workbench and the ones a user saved, in one JSON file
// under the data directory (shared by the GUI and iwb). Writes are atomic.
class TemplateStore
{
public:
    explicit TemplateStore(const QString &file = defaultFile());
    static QString defaultFile();
    static QList<EventTemplate> builtIns();

    QString file() const { return m_file; }
    // Built-ins first, then the user's by name. A user template of a built-in's name
    // replaces it. A damaged file gives the built-ins and an *error.
    QList<EventTemplate> templates(QString *error = nullptr) const;
    std::optional<EventTemplate> find(const QString &name, QString *error = nullptr) const;
    bool save(const EventTemplate &entry, QString *error);
    bool remove(const QString &name, QString *error);

private:
    QList<EventTemplate> userTemplates(QString *error) const;
    bool write(const QList<EventTemplate> &entries, QString *error);

    QString m_file;
};

} // namespace Workbench
