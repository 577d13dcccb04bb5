#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimer;
class QToolButton;

namespace Workbench {

// The viewer's search line: a query (SpanQuery syntax), where the current match is among all
// ("3 of 120"), previous/next, a Filter toggle (only matches and their ancestors) and the
// shortest duration shown. It only edits and reports; the workspace does the searching.
class FindBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(QWidget *parent = nullptr);

    QString query() const;
    void setQuery(const QString &text);
    bool isFilterOn() const;
    void setFilterOn(bool on);
    int minDuration() const;
    void setMinDuration(int ms);

    // "3 of 120" (current 0-based, -1 when the current span is no match), "No match", or nothing
    // for an empty query.
    void setMatches(qsizetype current, qsizetype total);
    // A query the parser refused: said in red beside the box; empty clears it.
    void setError(const QString &message);
    QString matchText() const;
    QString errorText() const;

    // Focuses the box with its text selected.
    void activate();

    QLineEdit *edit() const { return m_edit; }
    QCheckBox *filterBox() const { return m_filter; }
    QSpinBox *minDurationBox() const { return m_minDuration; }

Q_SIGNALS:
    // After typing settles (or at once on Enter).
    void queryChanged(const QString &text);
    void nextRequested();
    void previousRequested();
    void filterToggled(bool on);
    void minDurationChanged(int ms);
    // Escape in the box: hand the focus back.
    void closeRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void flush();

    QLineEdit *m_edit;
    QToolButton *m_previous;
    QToolButton *m_next;
    QLabel *m_count;
    QLabel *m_error;
    QCheckBox *m_filter;
    QSpinBox *m_minDuration;
    QTimer *m_settle;
    QString m_emitted;
};

} // namespace Workbench
