#pragma once

#include "core/events/event.h"

#include <QWidget>

class QButtonGroup;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;
class QSpinBox;
class QToolButton;

namespace Workbench {

// The fields of one manual event: title, text, severity as named choices, when it happened
// ("now" or a chosen UTC time) and how long it lasted, and, folded away, the entity it
// concerns. It can only describe events the endpoint knows; what is still wrong (an empty
// title, a time too far off) is for EventRules to say.
class EventForm : public QWidget
{
    Q_OBJECT
public:
    explicit EventForm(QWidget *parent = nullptr);

    // The event as entered: no timestamp when the time is "now" (fixed when fired). Template
    // variables are left as typed.
    Event event() const;
    // Shows `event`; emits no changed().
    void setEvent(const Event &event);
    // An empty change event, sent now, instant.
    void clear();

    // The units of the duration helper, in ms.
    static QList<std::pair<QString, qint64>> durationUnits();

Q_SIGNALS:
    void changed();

private:
    void updateEnabled();
    void updateLocalTimeHints();
    void setAdvancedVisible(bool visible);
    void setStartToNow();
    void onChanged();

    QLineEdit *m_title;
    QPlainTextEdit *m_text;
    QComboBox *m_severity;
    QRadioButton *m_timeNow;
    QRadioButton *m_timeAt;
    QDateTimeEdit *m_time;
    QToolButton *m_setNow;
    QLabel *m_timeHint;
    QButtonGroup *m_durationGroup;
    QRadioButton *m_instant;
    QRadioButton *m_lasts;
    QRadioButton *m_until;
    QSpinBox *m_durationValue;
    QComboBox *m_durationUnit;
    QDateTimeEdit *m_end;
    QLabel *m_endHint;
    QToolButton *m_advancedToggle;
    QWidget *m_advanced;
    QLineEdit *m_plugin;
    QLineEdit *m_id;
    QLineEdit *m_host;
    bool m_loading = false;
    bool m_timeChosen = false; // the start time was set by hand or loaded, not left as it was
    bool m_endChosen = false; // the same for the end
};

} // namespace Workbench
