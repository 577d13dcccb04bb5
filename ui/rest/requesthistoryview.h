#pragma once

#include "core/browse/requesthistory.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QTableView;

namespace Workbench {

namespace Browse {
class RequestHistoryModel;
}

// A profile's request history, newest first; a double click (or Run Again) runs the request
// again, Edit puts it into the request line. A damaged history file is said in the panel and
// left as it is.
class RequestHistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit RequestHistoryView(QWidget *parent = nullptr);
    ~RequestHistoryView() override;

    // The profile whose history is shown (its file in `directory`), loaded at once.
    void setProfile(const QString &profileName, const QString &directory = Browse::RequestHistory::defaultDirectory());
    QString profileName() const;
    // Reads the file again (after a request was recorded).
    void reload();
    // Records a request in the profile's history and shows it; false with the reason said in the panel.
    bool record(const Browse::RequestRecord &record);

    Browse::RequestHistoryModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QString statusText() const;

Q_SIGNALS:
    void runAgainRequested(QByteArray method, QString path, QUrlQuery query, QByteArray body);
    void editRequested(QByteArray method, QString path, QUrlQuery query, QByteArray body);

private:
    void emitFor(const QModelIndex &index, bool run);

    std::unique_ptr<Browse::RequestHistory> m_history;
    Browse::RequestHistoryModel *m_model;
    QTableView *m_table;
    QLabel *m_status;
    QPushButton *m_runAgain;
    QPushButton *m_edit;
};

} // namespace Workbench
