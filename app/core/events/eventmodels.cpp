#include "core/events/eventmodels.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::EventModels)
};

QString relativeText(qint64 ms, qint64 now)
{
    const qint64 seconds = (ms - now + 999) / 1000;
    if (seconds <= 0)
        return Messages::tr("due now");
    if (seconds < 120)
        return Messages::tr("in %1 s").arg(seconds);
    return Messages::tr("in %1 min").arg((seconds + 59) / 60);
}
} // namespace

QString localTimeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

FileFollower::FileFollower(const QString &path, bool isDirectory, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_isDirectory(isDirectory)
    , m_watcher(this)
    , m_settle(this)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(150);
    connect(&m_settle, &QTimer::timeout, this, [this] {
        rewatch();
        Q_EMIT changed();
    });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, &m_settle, qOverload<>(&QTimer::start));
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_settle, qOverload<>(&QTimer::start));
    rewatch();
}

void FileFollower::rewatch()
{
    // A file replaced by rename, or created later, must be watched anew; so is its folder,
    // which tells when the file appears.
    const QString folder = m_isDirectory ? m_path : QFileInfo(m_path).absolutePath();
    QDir().mkpath(folder);
    if (!m_watcher.directories().contains(folder))
        m_watcher.addPath(folder);
    if (!m_isDirectory && QFileInfo::exists(m_path) && !m_watcher.files().contains(m_path))
        m_watcher.addPath(m_path);
}

OutboxModel::OutboxModel(Outbox &outbox, QObject *parent)
    : QAbstractTableModel(parent)
    , m_outbox(outbox)
    , m_follower(outbox.directory(), true, this)
{
    connect(&m_follower, &FileFollower::changed, this, &OutboxModel::reload);
    reload();
}

void OutboxModel::reload()
{
    beginResetModel();
    m_problems.clear();
    m_entries = m_outbox.entries(&m_problems);
    endResetModel();
    Q_EMIT reloaded();
}

int OutboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int OutboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OutboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const OutboxEntry &e = m_entries.at(index.row());
    if (role == IdRole)
        return e.id;
    if (role == BodyRole)
        return e.body;
    if (role == Qt::ToolTipRole && index.column() == LastError)
        return e.lastError;
    if (role != Qt::DisplayRole)
        return {};
    switch (Columns(index.column())) {
    case Queued:
        return localTimeText(e.queuedAt);
    case Events:
        return e.eventCount;
    case Title:
        return e.title;
    case Target:
        return e.target.toString(QUrl::RemoveUserInfo);
    case Attempts:
        return e.attempts;
    case NextAttempt:
        return relativeText(e.nextAttemptAt, QDateTime::currentMSecsSinceEpoch());
    case LastError:
        return e.lastError;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant OutboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const QStringList headers{Messages::tr("Queued"),    Messages::tr("Events"),   Messages::tr("Title"),
                                     Messages::tr("Target"),    Messages::tr("Attempts"), Messages::tr("Next attempt"),
                                     Messages::tr("Last error")};
    return headers.value(section);
}

HistoryModel::HistoryModel(EventHistory &history, QObject *parent)
    : QAbstractTableModel(parent)
    , m_history(history)
    , m_follower(history.file(), false, this)
{
    connect(&m_follower, &FileFollower::changed, this, &HistoryModel::reload);
    reload();
}

void HistoryModel::reload()
{
    beginResetModel();
    m_entries = m_history.load(&m_damaged);
    std::reverse(m_entries.begin(), m_entries.end());
    endResetModel();
    Q_EMIT reloaded();
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const HistoryEntry &e = m_entries.at(index.row());
    if (role == IdRole)
        return e.id;
    if (role == Qt::ToolTipRole)
        return e.error.isEmpty() ? QVariant() : QVariant(e.error);
    if (role == SortRole) {
        switch (Columns(index.column())) {
        case Time:
            return e.time;
        case Status:
            return e.httpStatus;
        case Latency:
            return e.latencyMs;
        case Events:
            return e.eventCount;
        default:
            break;
        }
        role = Qt::DisplayRole;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Columns(index.column())) {
    case Time:
        return localTimeText(e.time);
    case Outcome:
        return HistoryEntry::outcomeName(e.outcome);
    case Status:
        return e.httpStatus > 0 ? QVariant(e.httpStatus) : QVariant(QString());
    case Latency:
        return Messages::tr("%1 ms").arg(e.latencyMs);
    case Events:
        return e.eventCount;
    case Title:
        return e.title;
    case Target:
        return e.target;
    case Error:
        return e.error;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const QStringList headers{Messages::tr("Time"),    Messages::tr("Outcome"), Messages::tr("Status"),
                                     Messages::tr("Latency"), Messages::tr("Events"),  Messages::tr("Title"),
                                     Messages::tr("Target"),  Messages::tr("Error")};
    return headers.value(section);
}

HistoryFilterModel::HistoryFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(HistoryModel::SortRole);
}

void HistoryFilterModel::setQuery(const QString &query)
{
    if (query == m_query)
        return;
    m_query = query;
    invalidateFilter();
}

bool HistoryFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const auto *history = qobject_cast<const HistoryModel *>(sourceModel());
    return !history || history->entry(sourceRow).matches(m_query);
}

} // namespace Workbench
