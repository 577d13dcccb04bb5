#include "ui/rest/viewform.h"

#include "ui/rest/timewindowedit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace Workbench {

using Kind = Browse::ViewParameter::Kind;

ViewForm::ViewForm(const Browse::ViewInfo &view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
    , m_layout(new QFormLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    if (!m_view.idName.isEmpty()) {
        m_id = new QLineEdit(this);
        m_id->setObjectName(u"id"_s);
        m_id->setPlaceholderText(m_view.idName);
        connect(m_id, &QLineEdit::returnPressed, this, &ViewForm::submitted);
        m_layout->addRow(tr("Id"), m_id);
        m_fields.insert(u"id"_s, m_id);
    }
    if (m_view.usesWindow) {
        m_window = new TimeWindowEdit(this);
        m_window->setObjectName(u"window"_s);
        m_layout->addRow(tr("Time window"), m_window);
        m_fields.insert(u"window"_s, m_window);
    }
    for (const Browse::ViewParameter &p : m_view.parameters) {
        QWidget *field = nullptr;
        switch (p.kind) {
        case Kind::Text: {
            auto *edit = new QLineEdit(this);
            edit->setText(p.defaultValue);
            connect(edit, &QLineEdit::returnPressed, this, &ViewForm::submitted);
            field = edit;
            break;
        }
        case Kind::Number: {
            auto *spin = new QSpinBox(this);
            spin->setRange(int(std::clamp<qint64>(p.minimum, INT_MIN, INT_MAX)),
                           int(std::clamp<qint64>(p.maximum, INT_MIN, INT_MAX)));
            spin->setValue(p.defaultValue.toInt());
            field = spin;
            break;
        }
        case Kind::Flag: {
            auto *box = new QCheckBox(this);
            box->setChecked(p.defaultValue == u"true"_s);
            field = box;
            break;
        }
        case Kind::Choice: {
            auto *combo = new QComboBox(this);
            if (!p.choices.contains(p.defaultValue))
                combo->addItem(tr("Any"), p.defaultValue); // the default sends nothing
            for (const QString &choice : p.choices)
                combo->addItem(choice, choice);
            combo->setCurrentIndex(std::max(0, combo->findData(p.defaultValue)));
            field = combo;
            break;
        }
        }
        field->setObjectName(p.name);
        field->setToolTip(p.description);
        m_layout->addRow(p.title, field);
        m_fields.insert(p.name, field);
    }
}

std::optional<Browse::ViewArguments> ViewForm::arguments(QString *error) const
{
    Browse::ViewArguments result;
    if (m_id)
        result.id = m_id->text().trimmed();
    if (m_window) {
        const std::optional<Browse::TimeWindow> window = m_window->window(error);
        if (!window)
            return std::nullopt;
        result.window = *window;
    }
    for (const Browse::ViewParameter &p : m_view.parameters) {
        QWidget *field = m_fields.value(p.name);
        QString value;
        switch (p.kind) {
        case Kind::Text:
            value = static_cast<QLineEdit *>(field)->text().trimmed();
            break;
        case Kind::Number:
            value = QString::number(static_cast<QSpinBox *>(field)->value());
            break;
        case Kind::Flag:
            value = static_cast<QCheckBox *>(field)->isChecked() ? u"true"_s : u"false"_s;
            break;
        case Kind::Choice:
            value = static_cast<QComboBox *>(field)->currentData().toString();
            break;
        }
        if (value != p.defaultValue)
            result.values.insert(p.name, value);
    }
    return result;
}

void ViewForm::setArguments(const Browse::ViewArguments &arguments)
{
    if (m_id)
        m_id->setText(arguments.id);
    if (m_window)
        m_window->setWindow(arguments.window);
    for (const Browse::ViewParameter &p : m_view.parameters) {
        QWidget *field = m_fields.value(p.name);
        const QString value = arguments.values.value(p.name, p.defaultValue);
        switch (p.kind) {
        case Kind::Text:
            static_cast<QLineEdit *>(field)->setText(value);
            break;
        case Kind::Number:
            static_cast<QSpinBox *>(field)->setValue(value.toInt());
            break;
        case Kind::Flag:
            static_cast<QCheckBox *>(field)->setChecked(value == u"true"_s);
            break;
        case Kind::Choice: {
            auto *combo = static_cast<QComboBox *>(field);
            combo->setCurrentIndex(std::max(0, combo->findData(value)));
            break;
        }
        }
    }
}

QWidget *ViewForm::field(const QString &name) const
{
    return m_fields.value(name);
}

} // namespace Workbench
