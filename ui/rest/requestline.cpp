#include "ui/rest/requestline.h"

#include "ui/rest/copyascurl.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardItemModel>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {

enum CompletionColumn { PathColumn, MethodColumn, SummaryColumn };
constexpr int OperationRole = Qt::UserRole;

const QStringList Methods{u"GET"_s, u"POST"_s, u"PUT"_s, u"DELETE"_s, u"PATCH"_s};

} // namespace

RequestLine::RequestLine(QWidget *parent)
    : RequestLine(Browse::OperationCatalog::builtIn(), parent)
{
}

RequestLine::RequestLine(const Browse::OperationCatalog &catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_method(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_curl(new QToolButton(this))
    , m_summary(new QLabel(this))
    , m_parametersScroll(new QScrollArea(this))
    , m_parametersBox(new QGroupBox(tr("Parameters"), m_parametersScroll))
    , m_form(new QFormLayout(m_parametersBox))
    , m_body(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_completions(new QStandardItemModel(this))
    , m_completer(new QCompleter(m_completions, this))
{
    m_method->setObjectName(u"method"_s);
    m_method->addItems(Methods);
    m_method->setAccessibleName(tr("Method"));
    m_path->setObjectName(u"path"_s);
    m_path->setPlaceholderText(tr("Path of the API, e.g. /api/instana/version; type to see the operations"));
    m_path->setAccessibleName(tr("Path"));
    m_path->setClearButtonEnabled(true);
    m_send->setObjectName(u"send"_s);
    m_send->setDefault(true);
    m_curl->setObjectName(u"copyAsCurl"_s);
    m_curl->setText(tr("Copy as curl"));
    m_curl->setToolTip(tr("Copy the request as a curl command; the token is written as $INSTANA_API_TOKEN"));
    m_curl->setEnabled(false);
    m_summary->setObjectName(u"summary"_s);
    m_summary->setWordWrap(true);
    m_parametersBox->setObjectName(u"parameters"_s);
    m_parametersScroll->setWidget(m_parametersBox);
    m_parametersScroll->setWidgetResizable(true);
    m_parametersScroll->setFrameShape(QFrame::NoFrame);
    m_parametersScroll->setVisible(false);
    m_body->setObjectName(u"body"_s);
    m_body->setPlaceholderText(tr("JSON body"));
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setAccessibleName(tr("Body"));
    m_status->setObjectName(u"status"_s);
    m_status->setWordWrap(true);

    // One row an operation: its path (what is completed), method and summary beside it.
    m_completions->setColumnCount(3);
    const auto &operations = m_catalog.operations();
    for (qsizetype i = 0; i < operations.size(); ++i) {
        const Browse::Operation &operation = operations.at(i);
        auto *path = new QStandardItem(operation.path);
        path->setData(int(i), OperationRole);
        path->setToolTip(operation.summary);
        auto *method = new QStandardItem(QString::fromLatin1(operation.method));
        method->setData(int(i), OperationRole);
        auto *summary = new QStandardItem(operation.summary);
        summary->setData(int(i), OperationRole);
        m_completions->appendRow({path, method, summary});
    }
    auto *popup = new QTreeView;
    popup->setObjectName(u"completions"_s);
    popup->setHeaderHidden(true);
    popup->setRootIsDecorated(false);
    popup->setUniformRowHeights(true);
    popup->setSelectionBehavior(QAbstractItemView::SelectRows);
    popup->setMinimumWidth(720);
    m_completer->setPopup(popup);
    popup->header()->setStretchLastSection(true);
    popup->header()->setSectionResizeMode(PathColumn, QHeaderView::Interactive);
    popup->setColumnWidth(PathColumn, 420);
    popup->setColumnWidth(MethodColumn, 60);
    m_completer->setCompletionColumn(PathColumn);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setMaxVisibleItems(12);
    m_path->setCompleter(m_completer);

    auto *line = new QHBoxLayout;
    line->addWidget(m_method);
    line->addWidget(m_path, 1);
    line->addWidget(m_send);
    line->addWidget(m_curl);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(line);
    layout->addWidget(m_summary);
    layout->addWidget(m_parametersScroll, 1);
    layout->addWidget(m_body, 2);
    layout->addWidget(m_status);
    layout->addStretch(0);
    m_layout = layout;

    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this, &RequestLine::completionChosen);
    connect(m_path, &QLineEdit::textEdited, this, &RequestLine::pathEdited);
    connect(m_path, &QLineEdit::returnPressed, this, [this] {
        if (!m_completer->popup()->isVisible())
            send();
    });
    connect(m_method, &QComboBox::currentTextChanged, this, [this] {
        if (!m_filling && m_operation && m_operation->method != method())
            pathEdited(m_path->text());
        updateBodyState();
    });
    connect(m_send, &QPushButton::clicked, this, &RequestLine::send);
    connect(m_curl, &QToolButton::clicked, this, &RequestLine::copyAsCurl);
    updateBodyState();
}

RequestLine::~RequestLine() = default;

QByteArray RequestLine::method() const
{
    return m_method->currentText().toLatin1();
}

QString RequestLine::pathText() const
{
    return m_path->text();
}

QString RequestLine::bodyText() const
{
    return m_body->toPlainText();
}

void RequestLine::setBaseUrl(const QUrl &baseUrl)
{
    m_baseUrl = baseUrl;
    m_curl->setEnabled(m_baseUrl.isValid() && !m_baseUrl.host().isEmpty());
}

void RequestLine::completionChosen(const QModelIndex &index)
{
    bool ok = false;
    const int row = index.data(OperationRole).toInt(&ok);
    if (!ok || row < 0 || row >= m_catalog.operations().size())
        return;
    chooseOperation(m_catalog.operations().at(row));
}

void RequestLine::chooseOperation(const Browse::Operation &operation)
{
    m_filling = true;
    m_operation = &operation;
    if (!Methods.contains(QString::fromLatin1(operation.method)))
        m_method->addItem(QString::fromLatin1(operation.method));
    m_method->setCurrentText(QString::fromLatin1(operation.method));
    m_path->setText(operation.path);
    m_summary->setText(operation.tag.isEmpty() ? operation.summary : operation.summary + u" · "_s + operation.tag);
    buildForm(operation.parameters);
    m_body->setPlainText(operation.hasBody() ? operation.bodyExample : QString());
    m_filling = false;
    updateBodyState();
    setStatus({});
}

void RequestLine::pathEdited(const QString &text)
{
    if (m_filling)
        return;
    // The form belongs to the operation whose template is in the field.
    if (m_operation && (text != m_operation->path || m_operation->method != method())) {
        m_operation = nullptr;
        m_summary->clear();
        clearForm();
    }
}

void RequestLine::clearForm()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_fields.clear();
    m_parametersScroll->setVisible(false);
}

void RequestLine::buildForm(const QList<Browse::OperationParameter> &parameters)
{
    clearForm();
    // Path parameters first: they are part of the path.
    for (const auto location :
         {Browse::OperationParameter::Location::Path, Browse::OperationParameter::Location::Query}) {
        for (const Browse::OperationParameter &parameter : parameters) {
            if (parameter.location == location)
                addField(parameter);
        }
    }
}

void RequestLine::addField(const Browse::OperationParameter &parameter)
{
    QWidget *widget = nullptr;
    if (!parameter.choices.isEmpty()) {
        auto *combo = new QComboBox(m_parametersBox);
        if (!parameter.required)
            combo->addItem(QString()); // not sent
        combo->addItems(parameter.choices);
        widget = combo;
    } else {
        auto *edit = new QLineEdit(m_parametersBox);
        edit->setPlaceholderText(parameter.example.isEmpty() ? parameter.type : parameter.example);
        connect(edit, &QLineEdit::returnPressed, this, &RequestLine::send);
        widget = edit;
    }
    widget->setObjectName(u"parameter:"_s + parameter.name);
    widget->setToolTip(parameter.description);
    widget->setAccessibleName(parameter.name);
    QString label = parameter.name;
    if (parameter.location == Browse::OperationParameter::Location::Path)
        label += u' ' + tr("(path)");
    if (parameter.required)
        label += u" *"_s;
    auto *labelWidget = new QLabel(label, m_parametersBox);
    labelWidget->setToolTip(parameter.required ? tr("Required. %1").arg(parameter.description) : parameter.description);
    if (parameter.required) {
        QFont font = labelWidget->font();
        font.setBold(true);
        labelWidget->setFont(font);
    }
    m_form->addRow(labelWidget, widget);
    m_fields.append({parameter, widget});
    m_parametersScroll->setVisible(true);
}

QString RequestLine::fieldValue(const Field &field) const
{
    if (const auto *combo = qobject_cast<const QComboBox *>(field.widget))
        return combo->currentText();
    if (const auto *edit = qobject_cast<const QLineEdit *>(field.widget))
        return edit->text();
    return {};
}

void RequestLine::setFieldValue(const QString &name, const QString &value)
{
    for (const Field &field : std::as_const(m_fields)) {
        if (field.parameter.name != name)
            continue;
        if (auto *combo = qobject_cast<QComboBox *>(field.widget)) {
            if (combo->findText(value) < 0)
                combo->addItem(value);
            combo->setCurrentText(value);
        } else if (auto *edit = qobject_cast<QLineEdit *>(field.widget)) {
            edit->setText(value);
        }
        return;
    }
}

QWidget *RequestLine::parameterField(const QString &name) const
{
    for (const Field &field : m_fields) {
        if (field.parameter.name == name)
            return field.widget;
    }
    return nullptr;
}

QStringList RequestLine::parameterNames() const
{
    QStringList names;
    for (const Field &field : m_fields)
        names.append(field.parameter.name);
    return names;
}

void RequestLine::setRequest(const QByteArray &method, const QString &path, const QUrlQuery &query,
                             const QByteArray &body)
{
    const Browse::Operation *found = m_catalog.find(method, path);
    m_filling = true;
    if (found) {
        chooseOperation(*found);
        m_filling = true;
        QHash<QString, QString> values;
        Browse::matchPath(found->path, path, &values);
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            setFieldValue(it.key(), it.value());
    } else {
        m_operation = nullptr;
        m_summary->clear();
        clearForm();
        if (!Methods.contains(QString::fromLatin1(method.toUpper())))
            m_method->addItem(QString::fromLatin1(method.toUpper()));
        m_method->setCurrentText(QString::fromLatin1(method.toUpper()));
        m_path->setText(path);
    }
    // Query items the operation does not name get fields of their own, so nothing is lost.
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!parameterField(key)) {
            Browse::OperationParameter extra;
            extra.name = key;
            addField(extra);
        }
        setFieldValue(key, value);
    }
    m_body->setPlainText(QString::fromUtf8(body));
    m_filling = false;
    updateBodyState();
    setStatus({});
}

bool RequestLine::request(Request *out, QString *problem) const
{
    QString path = m_path->text().trimmed();
    if (path.isEmpty() || path.contains(u"://"_s)) {
        *problem = tr("Type a path of the API, such as /api/instana/version.");
        return false;
    }
    if (!path.startsWith(u'/'))
        path.prepend(u'/');
    QHash<QString, QString> pathValues;
    QUrlQuery query;
    QStringList missing;
    for (const Field &field : m_fields) {
        const QString value = fieldValue(field);
        if (value.isEmpty()) {
            if (field.parameter.required)
                missing.append(field.parameter.name);
            continue;
        }
        if (field.parameter.location == Browse::OperationParameter::Location::Path)
            pathValues.insert(field.parameter.name, value);
        else
            query.addQueryItem(field.parameter.name, value);
    }
    if (m_operation && path == m_operation->path) {
        QStringList unfilled;
        path = Browse::fillPath(path, pathValues, &unfilled);
        for (const QString &name : std::as_const(unfilled)) {
            if (!missing.contains(name))
                missing.append(name);
        }
    }
    if (!missing.isEmpty()) {
        *problem = tr("Fill in %1 first.").arg(missing.join(u", "_s));
        return false;
    }
    QByteArray body;
    const QString bodyText = m_body->toPlainText();
    if (m_body->isEnabled() && !bodyText.trimmed().isEmpty()) {
        body = bodyText.toUtf8();
        QJsonParseError error{};
        QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError) {
            *problem = tr("The body is no JSON: %1 at byte %2.").arg(error.errorString()).arg(error.offset);
            return false;
        }
    }
    *out = {method(), path, query, body};
    return true;
}

void RequestLine::send()
{
    Request r;
    QString problem;
    if (!request(&r, &problem)) {
        setStatus(problem, true);
        return;
    }
    setStatus({});
    Q_EMIT sendRequested(r.method, r.path, r.query, r.body);
}

void RequestLine::copyAsCurl()
{
    Request r;
    QString problem;
    if (!request(&r, &problem)) {
        setStatus(problem, true);
        return;
    }
    if (!m_curl->isEnabled())
        return;
    const QString command = Workbench::copyAsCurl(r.method, m_baseUrl, r.query, r.body, r.path);
    setStatus(tr("Copied the curl command; it reads the token from $INSTANA_API_TOKEN."));
    Q_EMIT curlCopied(command);
}

void RequestLine::updateBodyState()
{
    const QByteArray verb = method();
    const bool hasBody = verb == "POST" || verb == "PUT" || verb == "PATCH";
    m_body->setEnabled(hasBody);
    m_body->setVisible(hasBody);
    // Without a body editor or a form, the space below stays empty instead of stretching the line.
    m_layout->setStretch(m_layout->count() - 1, hasBody || !m_fields.isEmpty() ? 0 : 1);
}

void RequestLine::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? u"color: #b00020;"_s : QString());
}

QString RequestLine::statusText() const
{
    return m_status->text();
}

} // namespace Workbench
