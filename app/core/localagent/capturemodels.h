#pragma once

#include "core/localagent/capturestore.h"

#include <QAbstractTableModel>

namespace Workbench {

// Table models over one section of a CaptureStore, kept in step with it row by row.
class CaptureSectionModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Roles {
        RequestIdRole = Qt::UserRole, // quint64: the request the row came from
        TraceIdRole, // QString, on spans and traces
        FindingsRole, // QString: the findings, one per line
        SortRole, // a value to sort by
    };

    CaptureSectionModel(CaptureStore &store, CaptureStore::Section section, QObject *parent = nullptr);

    // The findings, one "severity: message" a line (FindingsRole).
    static QString findingsText(const Findings &findings);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    virtual QStringList headers() const = 0;
    virtual qsizetype rows() const = 0;
    const CaptureStore &store() const { return m_store; }

    static QString timeText(qint64 ms);

private:
    CaptureStore &m_store;
    CaptureStore::Section m_section;
};

// The events received: when, title, severity, time, duration, from where, findings.
class CapturedEventsModel : public CaptureSectionModel
{
    Q_OBJECT
public:
    explicit CapturedEventsModel(CaptureStore &store, QObject *parent = nullptr);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    QStringList headers() const override;
    qsizetype rows() const override { return qsizetype(store().events().size()); }
};

// One row per trace: its id, how many spans arrived, the root's name, errors, findings.
class CapturedTracesModel : public CaptureSectionModel
{
    Q_OBJECT
public:
    explicit CapturedTracesModel(CaptureStore &store, QObject *parent = nullptr);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    QStringList headers() const override;
    qsizetype rows() const override { return qsizetype(store().traces().size()); }
};

// The requests the agent refused, with the rule and the reason.
class RejectedRequestsModel : public CaptureSectionModel
{
    Q_OBJECT
public:
    explicit RejectedRequestsModel(CaptureStore &store, QObject *parent = nullptr);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    QStringList headers() const override;
    qsizetype rows() const override { return qsizetype(store().rejections().size()); }
};

// The spans of one trace as they arrived (a snapshot; call setTrace() again to refresh).
class TraceSpansModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit TraceSpansModel(const CaptureStore &store, QObject *parent = nullptr);

    void setTrace(const QString &traceId);
    QString traceId() const { return m_traceId; }
    const CapturedItem &span(int row) const { return m_spans.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const CaptureStore &m_store;
    QString m_traceId;
    QList<CapturedItem> m_spans;
};

} // namespace Workbench
