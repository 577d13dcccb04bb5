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

// "1 event", "3 events".
QString counted(qsizetype n, const QString &one, const QString &many);
inline QString events(qsizetype n)
{
    return counted(n, QStringLiteral("event"), QStringLiteral("events"));
}
inline QString requests(qsizetype n)
{
    return counted(n, QStringLiteral("request"), QStringLiteral("requests"));
}

// Rich text in the colours the workspace uses for what went well and what did not.
enum class Tone {
    Neutral,
    Good,
    Warning,
    Bad,
};
QString toned(Tone tone, const QString &html);

} // namespace Workbench::EventsUi
