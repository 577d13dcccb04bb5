#include "core/localagent/capturelog.h"

#include "core/localagent/capturejson.h"

#include <QCoreApplication>

namespace Workbench {

bool CaptureLog::open(const QString &fileName, QString *error)
{
    m_file = std::make_unique<QFile>(fileName);
    if (!m_file->open(QIODevice::WriteOnly | QIODevice::Append)) {
        if (error)
            *error = QCoreApplication::translate("Workbench::CaptureLog", "Cannot write %1: %2")
                         .arg(fileName, m_file->errorString());
        m_file.reset();
        return false;
    }
    m_device = m_file.get();
    return true;
}

void CaptureLog::attach(QIODevice *device)
{
    m_file.reset();
    m_device = device;
}

bool CaptureLog::write(const CaptureBatch &batch)
{
    if (!m_device)
        return false;
    QByteArray chunk;
    for (const QByteArray &line : CaptureJson::lines(batch)) {
        chunk += line;
        chunk += '\n';
    }
    if (m_device->write(chunk) != chunk.size()) {
        m_error = m_device->errorString();
        return false;
    }
    if (auto *file = qobject_cast<QFileDevice *>(m_device))
        file->flush();
    return true;
}

} // namespace Workbench
