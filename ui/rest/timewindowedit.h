#pragma once

#include "core/browse/timewindow.h"

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QLabel;

namespace Workbench {

// A time window as a person picks it: a preset ("Last hour", …) that ends now, or a custom
// range: its end (UTC) and its length ("90m", "24h", "7d").
class TimeWindowEdit : public QWidget
{
    Q_OBJECT
public:
    explicit TimeWindowEdit(QWidget *parent = nullptr);

    // The window as set; nothing, with a sentence in *error, when the custom length is no
    // duration.
    std::optional<Browse::TimeWindow> window(QString *error = nullptr) const;
    void setWindow(const Browse::TimeWindow &window);

Q_SIGNALS:
    void changed();

private:
    void updateCustom();

    QComboBox *m_preset;
    QDateTimeEdit *m_to;
    QLineEdit *m_length;
    QLabel *m_lengthLabel;
};

} // namespace Workbench
