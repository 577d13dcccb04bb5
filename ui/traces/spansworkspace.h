#pragma once

#include "core/traces/span.h"
#include "core/traces/spantemplates.h"
#include "core/traces/tracevalidator.h"

#include <QUrl>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMimeData;
class QNetworkAccessManager;
class QProgressBar;
class QPushButton;
class QTimer;
class QTreeView;
class QUndoStack;

namespace Workbench {

namespace Traces {
class TraceSender;
struct TraceSendProgress;
struct TraceSendSummary;
} // namespace Traces

class SpanFindings;
class SpanForm;
class SpanTreeModel;
class TargetMonitor;
struct SpanNode;

// The Span Trees workspace: hand-craft span trees in the agent's format. A tree of the
// document's spans (add a child or a sibling, duplicate, delete, move, drag and drop), a form
// for the selected span, what the validator finds (live, clickable), templates of common
// shapes, files in the agent's JSON format, undo and redo of every edit, and sending the
// document to the agent target.
class SpansWorkspace : public QWidget
{
    Q_OBJECT
public:
    enum class FileRole {
        Open,
        Save,
    };

    // `monitor` gives the agent target for Send; without one, sending is not offered.
    // `network` carries every request of the workspace and outlives it.
    SpansWorkspace(TargetMonitor *monitor, QNetworkAccessManager *network, QWidget *parent = nullptr);
    ~SpansWorkspace() override;

    // The document, parents before their children: what Save writes and Send sends.
    QList<Traces::Span> spans() const;
    // Replaces the document by an untitled one holding `spans`, unmodified, undo emptied.
    void setSpans(const QList<Traces::Span> &spans);
    // Reads a file in the agent's JSON format; on an error (shown in the workspace, with line
    // and column) the document stays as it was. Does not ask about unsaved changes.
    bool openFile(const QString &path);
    // Writes the document as pretty JSON.
    bool saveFile(const QString &path);
    QString filePath() const { return m_path; }
    bool isModified() const;
    // The message shown above the tree (an error opening or saving), empty when none.
    QString notice() const;

    SpanTreeModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    QUndoStack *undoStack() const { return m_undo; }
    SpanForm *form() const { return m_form; }
    SpanNode *currentNode() const;
    void selectNode(SpanNode *node);

    // The last validation of the document; validateNow() runs it at once rather than after
    // the short pause that follows a change.
    const Traces::ValidationReport &report() const { return m_report; }
    void validateNow();

    // New ids from the strong generator (nothing), or reproducibly from a seed.
    void setIdSeed(std::optional<quint64> seed);
    QString newId();

    // The edits, as the toolbar offers them; each is one undoable step.
    void addChild();
    void addSibling();
    void duplicate();
    void removeCurrent();
    void moveUp();
    void moveDown();
    void indent();
    void outdent();
    void insertTemplate(Traces::SpanTemplates::Shape shape);

    // File commands. New and Open ask first when the document has unsaved changes.
    void newDocument();
    void open();
    bool save();
    bool saveAs();

    // Replaces the file dialogs (tests): returns a path, or empty for "cancelled".
    void setFileChooser(std::function<QString(FileRole)> chooser) { m_chooseFile = std::move(chooser); }
    // Replaces the question about unsaved changes (tests): true to go on and lose them.
    void setDiscardConfirmation(std::function<bool()> confirm) { m_confirmDiscard = std::move(confirm); }

    // Sends the document to the agent target's trace endpoint (see `Send…`).
    void send();
    void cancelSend();
    bool isSending() const;
    // The trace endpoint Send uses: the agent target's, unless set here.
    QUrl sendUrl() const;
    void setSendUrl(const QUrl &traceEndpoint) { m_sendUrl = traceEndpoint; }

Q_SIGNALS:
    // After every change of the document (an edit, its undo, a file opened, a new document).
    void documentChanged();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString &path);
    // After a send finished, cancelled or not.
    void sendFinished(const Workbench::Traces::TraceSendSummary &summary);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QWidget *createToolBar();
    template<typename Slot>
    QAction *makeAction(const QString &name, const QString &text, const QString &toolTip, const QKeySequence &keys,
                        Slot slot);
    void onContentChanged();
    void onCurrentChanged();
    void onFormEdited(const Traces::Span &span, int field);
    void onFindingActivated(int index, const QString &spanId);
    void updateActions();
    void updateStatus();
    void showNotice(const QString &html, bool error);
    void resetDocument(const QList<Traces::Span> &spans, const QString &path);
    void expandNew();
    bool confirmDiscard();
    QString chooseFile(FileRole role);
    static QList<QString> droppedJsonFiles(const QMimeData *data);
    void moveTo(SpanNode *node, SpanNode *newParent, int row, const QString &text);
    void onSendProgress(const Traces::TraceSendProgress &progress);
    void onSendFinished(const Traces::TraceSendSummary &summary);

    TargetMonitor *m_monitor;
    SpanTreeModel *m_model;
    QUndoStack *m_undo;
    QTreeView *m_tree;
    SpanForm *m_form;
    SpanFindings *m_findings;
    QLabel *m_notice;
    QLabel *m_status;
    QComboBox *m_idMode;
    QLineEdit *m_seed;
    QTimer *m_validate;
    Traces::TraceSender *m_sender;
    QWidget *m_sendPanel;
    QProgressBar *m_sendProgress;
    QLabel *m_sendStatus;
    QPushButton *m_sendCancel;

    QAction *m_addChild = nullptr;
    QAction *m_addSibling = nullptr;
    QAction *m_duplicate = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_up = nullptr;
    QAction *m_down = nullptr;
    QAction *m_indent = nullptr;
    QAction *m_outdent = nullptr;
    QAction *m_send = nullptr;

    Traces::SpanIdSource m_ids;
    Traces::ValidationReport m_report;
    QString m_path;
    QUrl m_sendUrl;
    std::function<QString(FileRole)> m_chooseFile;
    std::function<bool()> m_confirmDiscard;
    bool m_validationPending = false;
};

} // namespace Workbench
