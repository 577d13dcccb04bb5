#include "ui/rest/traceopener.h"

#include "core/browse/tracefetch.h"
#include "core/rest/restclient.h"

#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>

using namespace Qt::StringLiterals;

namespace Workbench::Ui {

TraceOpener::TraceOpener(Rest::RestClient *client, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_client(client)
    , m_dialogParent(dialogParent)
{
}

TraceOpener::~TraceOpener()
{
    if (Browse::TraceFetch *fetch = m_fetch.data()) {
        fetch->disconnect(this);
        fetch->abort();
        delete fetch;
    }
    delete m_progress.data();
}

void TraceOpener::open(const QString &traceId)
{
    cancel();
    if (!m_client) {
        const QString text = tr("No connection profile is in use, so trace %1 cannot be fetched.").arg(traceId);
        Q_EMIT failed(text);
        return;
    }
    auto *fetch = new Browse::TraceFetch(m_client.data(), traceId, this);
    m_fetch = fetch;
    auto *progress = new QProgressDialog(tr("Fetching the calls of trace %1…").arg(traceId), tr("Cancel"), 0, 0,
                                         m_dialogParent.data());
    progress->setObjectName(u"trace-opener-progress"_s);
    progress->setWindowTitle(tr("Opening trace %1").arg(traceId));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    m_progress = progress;
    connect(progress, &QProgressDialog::canceled, this, [this] {
        cancel();
        Q_EMIT cancelled();
    });
    connect(fetch, &Browse::TraceFetch::progressed, this, &TraceOpener::onProgress);
    connect(fetch, &Browse::TraceFetch::finished, this, &TraceOpener::onFinished);
    progress->show();
    fetch->start();
}

void TraceOpener::cancel()
{
    if (Browse::TraceFetch *fetch = m_fetch.data()) {
        m_fetch.clear();
        fetch->disconnect(this);
        fetch->abort();
        fetch->deleteLater();
    }
    if (QProgressDialog *progress = m_progress.data()) {
        m_progress.clear();
        progress->disconnect(this);
        progress->hide();
        progress->deleteLater();
    }
}

void TraceOpener::onProgress(qint64 done, qint64 total)
{
    QProgressDialog *progress = m_progress.data();
    if (!progress)
        return;
    const QLocale locale;
    const Browse::TraceFetch *fetch = m_fetch.data();
    const QString fetchedId = fetch ? fetch->traceId() : QString();
    if (total < 0) {
        progress->setLabelText(tr("Listing the calls of trace %1: %2 so far…").arg(fetchedId, locale.toString(done)));
        return;
    }
    progress->setLabelText(tr("Fetching the spans of call %1 of %2…")
                               .arg(locale.toString(std::min(done + 1, total)), locale.toString(total)));
    // The dialog counts in int: scaled to per mille.
    progress->setMaximum(1000);
    progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
}

void TraceOpener::onFinished(Browse::TraceFetch *fetch)
{
    if (fetch != m_fetch.data())
        return;
    m_fetch.clear();
    fetch->deleteLater();
    if (QProgressDialog *progress = m_progress.data()) {
        m_progress.clear();
        progress->hide();
        progress->deleteLater();
    }
    if (fetch->error() == Browse::TraceFetch::Error::Cancelled) {
        Q_EMIT cancelled();
        return;
    }
    if (fetch->error() != Browse::TraceFetch::Error::None) {
        const QString text = fetch->errorString();
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Trace %1 was not opened").arg(fetch->traceId()), text,
                                    QMessageBox::Close, m_dialogParent.data());
        box->setObjectName(u"trace-opener-message"_s);
        box->setAttribute(Qt::WA_DeleteOnClose);
        m_message = box;
        box->open();
        Q_EMIT failed(text);
        return;
    }
    const QString host = m_client ? m_client->options().baseUrl.host() : QString();
    const QString source
        = host.isEmpty() ? tr("trace %1").arg(fetch->traceId()) : tr("trace %1 of %2").arg(fetch->traceId(), host);
    Q_EMIT traceReady(fetch->takeStore(), source);
}

} // namespace Workbench::Ui
