#include "ui/viewer/findbar.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace Workbench {

FindBar::FindBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_count(new QLabel(this))
    , m_error(new QLabel(this))
    , m_filter(new QCheckBox(tr("&Filter"), this))
    , m_minDuration(new QSpinBox(this))
    , m_settle(new QTimer(this))
{
    setObjectName(u"viewer-findbar"_s);

    m_edit->setObjectName(u"viewer-find"_s);
    m_edit->setPlaceholderText(tr("Find: checkout  service=payments  http.status_code=500  duration>250ms  error"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setToolTip(
        tr("Words must all match (name, service, ids, data values); key=value and key~value (contains) for "
           "fields and data keys; duration>250ms (also >=, <, <=; ms, s, m); error or error=false; \"a phrase\".\n"
           "Enter / F3: next match, Shift+Enter / Shift+F3: previous."));
    m_edit->installEventFilter(this);
    m_edit->setMinimumWidth(140);

    m_previous->setObjectName(u"viewer-find-previous"_s);
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Previous match (Shift+Enter, Shift+F3)"));
    m_previous->setAutoRaise(true);
    m_next->setObjectName(u"viewer-find-next"_s);
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Next match (Enter, F3)"));
    m_next->setAutoRaise(true);

    m_count->setObjectName(u"viewer-find-count"_s);
    m_count->setMinimumWidth(fontMetrics().horizontalAdvance(u"888 of 888"_s));
    m_error->setObjectName(u"viewer-find-error"_s);
    m_error->setStyleSheet(u"color: #b00020;"_s);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setMinimumWidth(0);
    m_error->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_error->hide();

    m_filter->setObjectName(u"viewer-filter"_s);
    m_filter->setToolTip(tr("Show only the matching spans and their ancestors"));

    auto *shorter = new QLabel(tr("Hide shorter than"), this);
    m_minDuration->setObjectName(u"viewer-min-duration"_s);
    m_minDuration->setRange(0, 24 * 3600 * 1000);
    m_minDuration->setSuffix(tr(" ms"));
    m_minDuration->setSpecialValueText(tr("off"));
    m_minDuration->setAccelerated(true);
    m_minDuration->setToolTip(tr("Hide spans shorter than this, with what is below them"));
    m_minDuration->setKeyboardTracking(false);
    shorter->setBuddy(m_minDuration);

    m_settle->setSingleShot(true);
    m_settle->setInterval(250);
    connect(m_settle, &QTimer::timeout, this, &FindBar::flush);
    connect(m_edit, &QLineEdit::textChanged, this, [this] { m_settle->start(); });
    connect(m_previous, &QToolButton::clicked, this, [this] {
        flush();
        Q_EMIT previousRequested();
    });
    connect(m_next, &QToolButton::clicked, this, [this] {
        flush();
        Q_EMIT nextRequested();
    });
    connect(m_filter, &QCheckBox::toggled, this, [this](bool on) {
        flush();
        Q_EMIT filterToggled(on);
    });
    connect(m_minDuration, &QSpinBox::valueChanged, this, &FindBar::minDurationChanged);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_edit, 3);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_count);
    layout->addWidget(m_error, 2);
    layout->addSpacing(8);
    layout->addWidget(m_filter);
    layout->addSpacing(8);
    layout->addWidget(shorter);
    layout->addWidget(m_minDuration);
}

QString FindBar::query() const
{
    return m_edit->text();
}

void FindBar::setQuery(const QString &text)
{
    m_edit->setText(text);
    flush();
}

bool FindBar::isFilterOn() const
{
    return m_filter->isChecked();
}

void FindBar::setFilterOn(bool on)
{
    m_filter->setChecked(on);
}

int FindBar::minDuration() const
{
    return m_minDuration->value();
}

void FindBar::setMinDuration(int ms)
{
    m_minDuration->setValue(ms);
}

void FindBar::setMatches(qsizetype current, qsizetype total)
{
    const QLocale locale;
    if (m_edit->text().trimmed().isEmpty() || !m_error->text().isEmpty())
        m_count->clear();
    else if (total == 0)
        m_count->setText(tr("No match"));
    else if (current < 0)
        m_count->setText(tr("%Ln match(es)", nullptr, int(total)));
    else
        m_count->setText(
            tr("%1 of %2").arg(locale.toString(qlonglong(current + 1)), locale.toString(qlonglong(total))));
    m_previous->setEnabled(total > 0);
    m_next->setEnabled(total > 0);
}

void FindBar::setError(const QString &message)
{
    m_error->setText(message);
    m_error->setToolTip(message);
    m_error->setVisible(!message.isEmpty());
    if (!message.isEmpty())
        m_count->clear();
    m_edit->setStyleSheet(message.isEmpty() ? QString() : u"QLineEdit { border: 1px solid #b00020; }"_s);
}

QString FindBar::matchText() const
{
    return m_count->text();
}

QString FindBar::errorText() const
{
    return m_error->text();
}

void FindBar::activate()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void FindBar::flush()
{
    m_settle->stop();
    if (m_edit->text() == m_emitted)
        return;
    m_emitted = m_edit->text();
    Q_EMIT queryChanged(m_emitted);
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            flush();
            if (key->modifiers() & Qt::ShiftModifier)
                Q_EMIT previousRequested();
            else
                Q_EMIT nextRequested();
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            Q_EMIT closeRequested();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Workbench
