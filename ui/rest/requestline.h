#pragma once

#include "core/browse/operationcatalog.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>
#include <QUrlQuery>
#include <QWidget>

class QBoxLayout;
class QComboBox;
class QCompleter;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QStandardItemModel;
class QToolButton;

namespace Workbench {

// The REST Browser's free request line for any path of the API: a method, a path with the
// spec's operations offered as completions (each with its summary), the chosen operation's path
// and query parameters as a form (required ones marked, enums as choices), a body editor that
// the spec's example fills for POST and PUT, Send, and Copy as curl. It sends nothing itself:
// Send emits sendRequested() with the path filled and the query built, for the workspace to send.
class RequestLine : public QWidget
{
    Q_OBJECT
public:
    explicit RequestLine(QWidget *parent = nullptr);
    // With another catalog than the built-in one (it must outlive the widget).
    explicit RequestLine(const Browse::OperationCatalog &catalog, QWidget *parent = nullptr);
    ~RequestLine() override;

    // Fills the line with a request (from the history): the operation it is found for, its path
    // parameters and query in the form, the body in the editor.
    void setRequest(const QByteArray &method, const QString &path, const QUrlQuery &query = {},
                    const QByteArray &body = {});
    // Shows the operation: its method, path template, parameters and body example.
    void chooseOperation(const Browse::Operation &operation);
    // The tenant the request would go to, for Copy as curl; the curl command is disabled without one.
    void setBaseUrl(const QUrl &baseUrl);

    // The request as Send would emit it; false with *problem when it cannot be sent yet (a
    // required parameter is empty, the body is no JSON).
    struct Request
    {
        QByteArray method;
        QString path;
        QUrlQuery query;
        QByteArray body;
    };
    bool request(Request *out, QString *problem) const;

    const Browse::Operation *operation() const { return m_operation; }
    QByteArray method() const;
    QString pathText() const;
    QString bodyText() const;
    // The field of a parameter in the form (a QLineEdit or a QComboBox), nullptr when none.
    QWidget *parameterField(const QString &name) const;
    QStringList parameterNames() const;
    QCompleter *completer() const { return m_completer; }
    // Says something below the line (a problem in red).
    void setStatus(const QString &text, bool problem = false);
    QString statusText() const;

public Q_SLOTS:
    void send();
    void copyAsCurl();

Q_SIGNALS:
    void sendRequested(QByteArray method, QString path, QUrlQuery query, QByteArray body);
    // The curl command put on the clipboard.
    void curlCopied(const QString &command);

private:
    struct Field
    {
        Browse::OperationParameter parameter;
        QWidget *widget = nullptr;
    };

    void buildForm(const QList<Browse::OperationParameter> &parameters);
    void addField(const Browse::OperationParameter &parameter);
    void clearForm();
    void setFieldValue(const QString &name, const QString &value);
    QString fieldValue(const Field &field) const;
    void updateBodyState();
    void pathEdited(const QString &text);
    void completionChosen(const QModelIndex &index);

    const Browse::OperationCatalog &m_catalog;
    const Browse::Operation *m_operation = nullptr;
    QUrl m_baseUrl;
    QComboBox *m_method;
    QLineEdit *m_path;
    QPushButton *m_send;
    QToolButton *m_curl;
    QLabel *m_summary;
    QScrollArea *m_parametersScroll;
    QGroupBox *m_parametersBox;
    QFormLayout *m_form;
    QPlainTextEdit *m_body;
    QLabel *m_status;
    QStandardItemModel *m_completions;
    QCompleter *m_completer;
    QList<Field> m_fields;
    QBoxLayout *m_layout = nullptr;
    bool m_filling = false;
};

} // namespace Workbench
