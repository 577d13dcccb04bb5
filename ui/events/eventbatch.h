#pragma once

#include "core/events/event.h"

#include <QList>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace Workbench {

// The events of a batch, in the order they are sent as one JSON array: add the form's event,
// duplicate, remove, move up and down. The selected event is the one the form edits.
class EventBatch : public QWidget
{
    Q_OBJECT
public:
    explicit EventBatch(QWidget *parent = nullptr);

    QList<Event> events() const { return m_events; }
    bool isEmpty() const { return m_events.isEmpty(); }
    qsizetype size() const { return m_events.size(); }
    // Replaces every event; selects `select` (-1: none).
    void setEvents(const QList<Event> &events, int select = -1);
    // The row the form edits, or -1.
    int currentRow() const;
    void setCurrentRow(int row);
    // The form changed the selected event.
    void updateCurrent(const Event &event);
    // Appends `event` as a new row and leaves nothing selected, so the form can go on to the
    // next event; returns its row.
    int append(const Event &event);

    // One line for lists: "Warning · Deploy finished · 14:05:00 UTC · 30 min".
    static QString describe(const Event &event);

Q_SIGNALS:
    // The form should add its event.
    void addRequested();
    // The form should start a new event.
    void newRequested();
    // The selected row changed (-1: none).
    void currentChanged(int row);
    void changed();

private:
    void rebuild(int select);
    void updateButtons();
    void duplicate();
    void remove();
    void move(int delta);

    QList<Event> m_events;
    QListWidget *m_list;
    QLabel *m_hint;
    QPushButton *m_add;
    QPushButton *m_new;
    QPushButton *m_duplicate;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    bool m_rebuilding = false;
};

} // namespace Workbench
