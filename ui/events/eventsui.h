#pragma once

#include <QByteArray>
#include <QString>

class QTableView;
class QWidget;

namespace Workbench::EventsUi {

// A read-only table of whole rows, one selected at a time unless `multi`.
QTableView *makeTable(const QString &name, bool multi, QWidget *parent);

// A JSON body laid out to be read, keys in their order; the text as it is when it is no JSON.
QString prettyBody(const QByteArray &body);

// "1 event", "3 events", through the translations' plural forms.
QString events(qsizetype n);
QString requests(qsizetype n);

// Rich text in the colours the workspace uses for what went well and what did not.
enum class Tone {
    Neutral,
    Good,
    Warning,
    Bad,
};
QString toned(Tone tone, const QString &html);

} // namespace Workbench::EventsUi
