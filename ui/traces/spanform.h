#pragma once

#include "core/traces/span.h"

#include <QWidget>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace Workbench {

class SpanDataTable;
struct SpanNode;

// The selected span's fields: name, type, start (as an offset from the parent, or as an
// absolute UTC time), duration, error, data, backendTrace (EUM only) and the ids. Every
// change a person makes is reported as the whole span changed in one field; the workspace
// turns it into an undoable command and shows the result with setSpan.
class SpanForm : public QWidget
{
    Q_OBJECT
public:
    explicit SpanForm(QWidget *parent = nullptr);

    // The span to show, or none (the form is then disabled).
    void setSpan(const SpanNode *node);
    const Traces::Span &span() const { return m_span; }

    // Start times as absolute UTC date-times rather than offsets from the parent.
    void setAbsoluteTimes(bool absolute);
    bool absoluteTimes() const;

    // Where "New id" takes ids from.
    void setIdGenerator(std::function<QString()> generator) { m_newId = std::move(generator); }

Q_SIGNALS:
    // `field` is a SetSpanCommand::Field.
    void edited(const Workbench::Traces::Span &span, int field);

private:
    void emitEdit(int field, const std::function<void(Traces::Span &)> &change);
    void updateTimeMode();
    void updateBackendTrace();

    Traces::Span m_span;
    std::optional<qint64> m_parentTimestamp;
    bool m_hasSpan = false;
    bool m_filling = false;
    std::function<QString()> m_newId;

    QLineEdit *m_name;
    QComboBox *m_type;
    QCheckBox *m_absolute;
    QSpinBox *m_offset;
    QDateTimeEdit *m_start;
    QLabel *m_startNote;
    QSpinBox *m_duration;
    QCheckBox *m_error;
    SpanDataTable *m_data;
    QLineEdit *m_backendTrace;
    QLineEdit *m_spanId;
    QToolButton *m_newSpanId;
    QLineEdit *m_traceId;
    QToolButton *m_newTraceId;
    QLabel *m_parentId;
};

} // namespace Workbench
