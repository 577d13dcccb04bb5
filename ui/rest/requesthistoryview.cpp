#include "ui/rest/requesthistoryview.h"

#include "core/browse/requesthistorymodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench {

RequestHistoryView::RequestHistoryView(QWidget *parent)
    : QWidget(parent)
    , m_model(new Browse::RequestHistoryModel(this))
    , m_table(new QTableView(this))
    , m_status(new QLabel(this))
    , m_runAgain(new QPushButton(tr("Run Again"), this))
    , m_edit(new QPushButton(tr("Edit"), this))
{
    m_table->setObjectName(u"requestHistory"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    for (const int column : {Browse::RequestHistoryModel::TimeColumn, Browse::RequestHistoryModel::StatusColumn,
                             Browse::RequestHistoryModel::MethodColumn, Browse::RequestHistoryModel::DurationColumn})
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Browse::RequestHistoryModel::PathColumn, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    m_status->setObjectName(u"historyStatus"_s);
    m_status->setWordWrap(true);
    m_runAgain->setObjectName(u"runAgain"_s);
    m_runAgain->setToolTip(tr("Send the selected request again (or double-click it)"));
    m_edit->setObjectName(u"editRequest"_s);
    m_edit->setToolTip(tr("Put the selected request into the request line"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_runAgain);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    auto selectionChanged = [this] {
        const bool any = m_table->selectionModel()->hasSelection();
        m_runAgain->setEnabled(any);
        m_edit->setEnabled(any);
    };
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, selectionChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, selectionChanged);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) { emitFor(index, true); });
    connect(m_runAgain, &QPushButton::clicked, this, [this] { emitFor(m_table->currentIndex(), true); });
    connect(m_edit, &QPushButton::clicked, this, [this] { emitFor(m_table->currentIndex(), false); });
    selectionChanged();
}

RequestHistoryView::~RequestHistoryView() = default;

void RequestHistoryView::setProfile(const QString &profileName, const QString &directory)
{
    m_history = std::make_unique<Browse::RequestHistory>(profileName, directory);
    reload();
}

QString RequestHistoryView::profileName() const
{
    return m_history ? m_history->profileName() : QString();
}

void RequestHistoryView::reload()
{
    if (!m_history) {
        m_model->setRecords({});
        m_status->setText(tr("No connection profile"));
        return;
    }
    QString error;
    const auto records = m_history->load(&error);
    if (!records) {
        m_model->setRecords({});
        m_status->setText(error);
        m_status->setStyleSheet(u"color: #b00020;"_s);
        return;
    }
    m_model->setRecords(*records);
    m_status->setStyleSheet(QString());
    m_status->setText(tr("%n request(s)", nullptr, int(records->size())));
}

bool RequestHistoryView::record(const Browse::RequestRecord &record)
{
    if (!m_history)
        return false;
    QString error;
    if (!m_history->append(record, &error)) {
        m_status->setText(error);
        m_status->setStyleSheet(u"color: #b00020;"_s);
        return false;
    }
    reload();
    return true;
}

QString RequestHistoryView::statusText() const
{
    return m_status->text();
}

void RequestHistoryView::emitFor(const QModelIndex &index, bool run)
{
    if (!index.isValid())
        return;
    const Browse::RequestRecord &r = m_model->recordAt(index.row());
    if (run)
        Q_EMIT runAgainRequested(r.method, r.path, r.query, r.body);
    else
        Q_EMIT editRequested(r.method, r.path, r.query, r.body);
}

} // namespace Workbench
