#pragma once

#include "core/localagent/capture.h"

#include <QFile>
#include <QString>

#include <memory>

namespace Workbench {

// Writes what the local agent captured as JSON lines (CaptureJson), to a file or to a device
// such as standard output, flushed after every request so that a reader sees it at once.
class CaptureLog
{
public:
    // Appends to the file, creating it if needed.
    bool open(const QString &fileName, QString *error);
    // Writes to a device someone else owns and keeps open.
    void attach(QIODevice *device);

    bool write(const CaptureBatch &batch);
    QString errorString() const { return m_error; }

private:
    std::unique_ptr<QFile> m_file;
    QIODevice *m_device = nullptr;
    QString m_error;
};

} // namespace Workbench
