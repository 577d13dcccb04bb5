#pragma once

#include "core/events/eventhistory.h"
#include "core/events/outbox.h"

#include <QAbstractTableModel>
#include <QFileSystemWatcher>
#include <QSortFilterProxyModel>
#include <QTimer>

namespace Workbench {

// Keeps a model in step with files another process may change too: reloads a moment after
// the watched path changes.
class FileFollower : public QObject
{
    Q_OBJECT
public:
    FileFollower(const QString &path, bool isDirectory, QObject *parent = nullptr);
    void rewatch();

Q_SIGNALS:
    void changed();

private:
    QString m_path;
    bool m_isDirectory;
    QFileSystemWatcher m_watcher;
    QTimer m_settle;
};

// What waits in the outbox, oldest first.
class OutboxModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns { Queued, Events, Title, Target, Attempts, NextAttempt, LastError, ColumnCount };
    enum Roles { IdRole = Qt::UserRole, BodyRole };

    explicit OutboxModel(Outbox &outbox, QObject *parent = nullptr);

    void reload();
    const OutboxEntry &entry(int row) const { return m_entries.at(row); }
    QStringList problems() const { return m_problems; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void reloaded();

private:
    Outbox &m_outbox;
    QList<OutboxEntry> m_entries;
    QStringList m_problems;
    FileFollower m_follower;
};

// Every send, newest first.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns { Time, Outcome, Status, Latency, Events, Title, Target, Error, ColumnCount };
    enum Roles { IdRole = Qt::UserRole, SortRole };

    explicit HistoryModel(EventHistory &history, QObject *parent = nullptr);

    void reload();
    const HistoryEntry &entry(int row) const { return m_entries.at(row); }
    int damagedLines() const { return m_damaged; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void reloaded();

private:
    EventHistory &m_history;
    QList<HistoryEntry> m_entries; // newest first
    int m_damaged = 0;
    FileFollower m_follower;
};

// The history rows that match a search (see HistoryEntry::matches).
class HistoryFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit HistoryFilterModel(QObject *parent = nullptr);
    void setQuery(const QString &query);
    QString query() const { return m_query; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_query;
};

// "2026-11-23 14:05:09" in local time, as the tables show times.
QString localTimeText(qint64 ms);

} // namespace Workbench
