#include "ui/events/eventsui.h"

#include "core/json/jsontext.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QJsonDocument>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace Workbench::EventsUi {

QTableView *makeTable(const QString &name, bool multi, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(multi ? QAbstractItemView::ExtendedSelection : QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setDefaultSectionSize(120);
    return view;
}

QString prettyBody(const QByteArray &body)
{
    QJsonParseError error{};
    QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return QString::fromUtf8(body);
    return QString::fromUtf8(JsonText::indented(body));
}

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::EventsUi)
};
} // namespace

QString events(qsizetype n)
{
    return Messages::tr("%n event(s)", nullptr, int(n));
}

QString requests(qsizetype n)
{
    return Messages::tr("%n request(s)", nullptr, int(n));
}

QString toned(Tone tone, const QString &html)
{
    switch (tone) {
    case Tone::Neutral:
        return html;
    case Tone::Good:
        return u"<span style=\"color:#1b7f3b\">"_s + html + u"</span>"_s;
    case Tone::Warning:
        return u"<span style=\"color:#a35a00\">"_s + html + u"</span>"_s;
    case Tone::Bad:
        return u"<span style=\"color:#c0262d\">"_s + html + u"</span>"_s;
    }
    return html;
}

} // namespace Workbench::EventsUi
