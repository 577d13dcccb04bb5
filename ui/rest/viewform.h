#pragma once

#include "core/browse/catalog.h"

#include <QHash>
#include <QWidget>

class QFormLayout;
class QLineEdit;

namespace Workbench {

class TimeWindowEdit;

// The parameters of one catalog view as a form: its id, its time window and each parameter as
// the field its kind needs. Enter in a field asks for the view to run.
class ViewForm : public QWidget
{
    Q_OBJECT
public:
    explicit ViewForm(const Browse::ViewInfo &view, QWidget *parent = nullptr);

    const Browse::ViewInfo &view() const { return m_view; }
    // What the fields say, as requestFor() takes it; nothing, with a sentence in *error, when
    // a field cannot be read (a custom window's length).
    std::optional<Browse::ViewArguments> arguments(QString *error = nullptr) const;
    // Fills the fields; parameters not named keep their defaults.
    void setArguments(const Browse::ViewArguments &arguments);
    // The field of a parameter ("id" for the id, "window" for the window), for tests and focus.
    QWidget *field(const QString &name) const;

Q_SIGNALS:
    void submitted();

private:
    Browse::ViewInfo m_view;
    QFormLayout *m_layout;
    QLineEdit *m_id = nullptr;
    TimeWindowEdit *m_window = nullptr;
    QHash<QString, QWidget *> m_fields;
};

} // namespace Workbench
