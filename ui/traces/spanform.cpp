#include "ui/traces/spanform.h"

#include "core/traces/spantreemodel.h"
#include "ui/traces/spandatatable.h"
#include "ui/traces/spantreecommands.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace Workbench {

using Traces::Span;
using Field = SetSpanCommand::Field;

namespace {
constexpr int TimeRange = 999999999; // ms, about 11.5 days either way

void setText(QLineEdit *edit, const QString &text)
{
    // Leaves the cursor where it is while the text is what the person typed.
    if (edit->text() != text)
        edit->setText(text);
}

QToolButton *idButton(const QString &name, const QString &toolTip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(name);
    button->setText(SpanForm::tr("New"));
    button->setToolTip(toolTip);
    return button;
}
} // namespace

SpanForm::SpanForm(QWidget *parent)
    : QWidget(parent)
    , m_name(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_absolute(new QCheckBox(tr("Absolute"), this))
    , m_offset(new QSpinBox(this))
    , m_start(new QDateTimeEdit(this))
    , m_startNote(new QLabel(this))
    , m_duration(new QSpinBox(this))
    , m_error(new QCheckBox(tr("Erroneous span"), this))
    , m_data(new SpanDataTable(this))
    , m_backendTrace(new QLineEdit(this))
    , m_spanId(new QLineEdit(this))
    , m_newSpanId(idButton(u"span-id-new"_s, tr("Give the span a new id (its children follow)."), this))
    , m_traceId(new QLineEdit(this))
    , m_newTraceId(idButton(u"span-trace-id-new"_s,
                            tr("Give the span a new traceId (its descendants in the same trace follow)."), this))
    , m_parentId(new QLabel(this))
{
    setObjectName(u"span-form"_s);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    m_name->setObjectName(u"span-name"_s);
    m_name->setPlaceholderText(tr("e.g. GET /cart"));
    m_name->setToolTip(tr("Used to show and group the span; keep it simple."));
    m_type->setObjectName(u"span-type"_s);
    for (const auto type :
         {Traces::SpanType::Entry, Traces::SpanType::Exit, Traces::SpanType::Intermediate, Traces::SpanType::Eum})
        m_type->addItem(Traces::spanTypeName(type), Traces::spanTypeName(type));
    m_type->setToolTip(tr("After an ENTRY come INTERMEDIATE or EXIT spans; after an EXIT the ENTRY of the called "
                          "service. EUM spans are end-user monitoring."));

    m_absolute->setObjectName(u"span-time-absolute"_s);
    m_absolute->setToolTip(tr("Show and edit start times as UTC date-times instead of offsets from the parent."));
    m_offset->setObjectName(u"span-offset"_s);
    m_offset->setRange(-TimeRange, TimeRange);
    m_offset->setSuffix(tr(" ms"));
    m_offset->setPrefix(u"+"_s);
    m_offset->setToolTip(tr("Start, in milliseconds after the parent's start."));
    m_offset->setAccelerated(true);
    m_start->setObjectName(u"span-start"_s);
    m_start->setTimeSpec(Qt::UTC);
    m_start->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss.zzz"_s);
    m_start->setCalendarPopup(true);
    m_start->setToolTip(tr("Start, in UTC, to the millisecond."));
    m_startNote->setObjectName(u"span-start-note"_s);
    m_startNote->setEnabled(false);
    m_duration->setObjectName(u"span-duration"_s);
    m_duration->setRange(-TimeRange, TimeRange);
    m_duration->setSuffix(tr(" ms"));
    m_duration->setAccelerated(true);
    m_error->setObjectName(u"span-error"_s);

    m_backendTrace->setObjectName(u"span-backend-trace"_s);
    m_backendTrace->setFont(fixed);
    m_backendTrace->setPlaceholderText(tr("traceId of the backend trace"));
    m_spanId->setObjectName(u"span-id"_s);
    m_spanId->setFont(fixed);
    m_spanId->setToolTip(tr("64-bit hex, unique per span; the span's children follow a changed id."));
    m_traceId->setObjectName(u"span-trace-id"_s);
    m_traceId->setFont(fixed);
    m_traceId->setToolTip(tr("64-bit hex, the same for every span of a trace."));
    m_parentId->setObjectName(u"span-parent-id"_s);
    m_parentId->setFont(fixed);
    m_parentId->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_parentId->setToolTip(tr("Set by the span's place in the tree."));
    auto *hex = new QRegularExpressionValidator(QRegularExpression(u"[0-9a-fA-F]{0,32}"_s), this);
    m_backendTrace->setValidator(hex);

    auto *startRow = new QHBoxLayout;
    startRow->setContentsMargins(0, 0, 0, 0);
    startRow->addWidget(m_offset, 1);
    startRow->addWidget(m_start, 1);
    startRow->addWidget(m_absolute);
    auto *spanIdRow = new QHBoxLayout;
    spanIdRow->setContentsMargins(0, 0, 0, 0);
    spanIdRow->addWidget(m_spanId, 1);
    spanIdRow->addWidget(m_newSpanId);
    auto *traceIdRow = new QHBoxLayout;
    traceIdRow->setContentsMargins(0, 0, 0, 0);
    traceIdRow->addWidget(m_traceId, 1);
    traceIdRow->addWidget(m_newTraceId);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto addRow = [&](const QString &label, QWidget *field) {
        auto *text = new QLabel(label, this);
        text->setBuddy(field);
        form->addRow(text, field);
    };
    auto addLayoutRow = [&](const QString &label, QLayout *row, QWidget *buddy) {
        auto *text = new QLabel(label, this);
        text->setBuddy(buddy);
        form->addRow(text, row);
    };
    addRow(tr("&Name:"), m_name);
    addRow(tr("T&ype:"), m_type);
    addLayoutRow(tr("&Start:"), startRow, m_offset);
    form->addRow(QString(), m_startNote);
    addRow(tr("&Duration:"), m_duration);
    form->addRow(QString(), m_error);
    addRow(tr("D&ata:"), m_data);
    addRow(tr("&Backend trace:"), m_backendTrace);
    addLayoutRow(tr("Span &id:"), spanIdRow, m_spanId);
    addLayoutRow(tr("T&race id:"), traceIdRow, m_traceId);
    form->addRow(tr("Parent id:"), m_parentId);

    connect(m_name, &QLineEdit::textChanged, this,
            [this](const QString &text) { emitEdit(Field::Name, [&](Span &s) { s.name = text; }); });
    connect(m_type, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QString type = m_type->itemData(index).toString();
        emitEdit(Field::Type, [&](Span &s) { s.type = type; });
    });
    connect(m_absolute, &QCheckBox::toggled, this, &SpanForm::updateTimeMode);
    connect(m_offset, &QSpinBox::valueChanged, this, [this](int offset) {
        emitEdit(Field::Timestamp, [&](Span &s) { s.timestamp = m_parentTimestamp.value_or(0) + offset; });
    });
    connect(m_start, &QDateTimeEdit::dateTimeChanged, this, [this](const QDateTime &time) {
        emitEdit(Field::Timestamp, [&](Span &s) { s.timestamp = time.toMSecsSinceEpoch(); });
    });
    connect(m_duration, &QSpinBox::valueChanged, this,
            [this](int ms) { emitEdit(Field::Duration, [&](Span &s) { s.duration = ms; }); });
    connect(m_error, &QCheckBox::toggled, this, [this](bool on) {
        // An unchecked box leaves out the field rather than writing false.
        emitEdit(Field::Error, [&](Span &s) { s.error = on ? std::optional<bool>(true) : std::nullopt; });
    });
    connect(m_data, &SpanDataTable::edited, this, [this] {
        emitEdit(Field::Data, [&](Span &s) {
            s.data = m_data->items();
            s.hasData = s.hasData || !s.data.isEmpty();
        });
    });
    connect(m_backendTrace, &QLineEdit::textChanged, this, [this](const QString &text) {
        emitEdit(Field::BackendTrace, [&](Span &s) { s.backendTrace = text.isEmpty() ? QString() : text; });
    });
    connect(m_spanId, &QLineEdit::textChanged, this,
            [this](const QString &text) { emitEdit(Field::SpanId, [&](Span &s) { s.spanId = text; }); });
    connect(m_traceId, &QLineEdit::textChanged, this,
            [this](const QString &text) { emitEdit(Field::TraceId, [&](Span &s) { s.traceId = text; }); });
    connect(m_newSpanId, &QToolButton::clicked, this, [this] {
        if (m_newId)
            m_spanId->setText(m_newId());
    });
    connect(m_newTraceId, &QToolButton::clicked, this, [this] {
        if (m_newId)
            m_traceId->setText(m_newId());
    });

    setSpan(nullptr);
}

void SpanForm::emitEdit(int field, const std::function<void(Span &)> &change)
{
    if (m_filling || !m_hasSpan)
        return;
    Span span = m_span;
    change(span);
    if (span == m_span)
        return;
    Q_EMIT edited(span, field);
}

void SpanForm::setSpan(const SpanNode *node)
{
    m_filling = true;
    m_hasSpan = node != nullptr;
    m_span = node ? node->span : Span();
    const bool hasParent = node && node->parent && node->parent->parent;
    m_parentTimestamp = hasParent ? node->parent->span.timestamp : std::nullopt;
    setEnabled(m_hasSpan);

    setText(m_name, m_span.name);
    // A type the agent does not know is shown as written, until another is chosen.
    while (m_type->count() > 4)
        m_type->removeItem(4);
    const QString type = m_span.type.isNull() ? u"ENTRY"_s : m_span.type;
    int typeIndex = m_type->findData(type);
    if (typeIndex < 0) {
        m_type->addItem(type, type);
        typeIndex = m_type->count() - 1;
    }
    m_type->setCurrentIndex(typeIndex);
    const qint64 start = m_span.timestamp.value_or(m_parentTimestamp.value_or(0));
    m_start->setDateTime(QDateTime::fromMSecsSinceEpoch(start, Qt::UTC));
    m_offset->setValue(
        int(qBound<qint64>(-qint64(TimeRange), start - m_parentTimestamp.value_or(start), qint64(TimeRange))));
    m_duration->setValue(int(qBound<qint64>(-qint64(TimeRange), m_span.duration.value_or(0), qint64(TimeRange))));
    m_error->setChecked(m_span.error.value_or(false));
    m_data->setItems(m_span.data);
    setText(m_backendTrace, m_span.backendTrace);
    setText(m_spanId, m_span.spanId);
    setText(m_traceId, m_span.traceId);
    m_parentId->setText(m_span.parentId.isNull() ? tr("(none: a root span)") : m_span.parentId);
    updateTimeMode();
    updateBackendTrace();
    m_filling = false;
}

void SpanForm::setAbsoluteTimes(bool absolute)
{
    m_absolute->setChecked(absolute);
}

bool SpanForm::absoluteTimes() const
{
    return m_absolute->isChecked();
}

void SpanForm::updateTimeMode()
{
    // A span at the top has no parent to count from.
    const bool top = m_hasSpan && !m_parentTimestamp;
    const bool absolute = m_absolute->isChecked() || top;
    m_offset->setVisible(!absolute);
    m_start->setVisible(absolute);
    m_absolute->setEnabled(!top);
    if (!m_hasSpan)
        m_startNote->clear();
    else if (top)
        m_startNote->setText(tr("A span at the top: its start is a time, not an offset."));
    else if (absolute)
        m_startNote->setText(tr("The parent starts at %1.")
                                 .arg(QDateTime::fromMSecsSinceEpoch(*m_parentTimestamp, Qt::UTC)
                                          .toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s)));
    else
        m_startNote->setText(tr("Milliseconds after the parent's start."));
}

void SpanForm::updateBackendTrace()
{
    // Only an EUM span links to a backend trace; a stray value elsewhere can still be cleared.
    const bool eum = m_span.spanType() == Traces::SpanType::Eum;
    m_backendTrace->setEnabled(eum || !m_span.backendTrace.isEmpty());
    m_backendTrace->setToolTip(eum ? tr("The traceId of the backend trace this end-user span led to.")
                                   : tr("Only EUM spans link to a backend trace."));
}

} // namespace Workbench
