#pragma once

#include <QDialog>

namespace Workbench {

// Name, purpose and the versions of the workbench and the libraries it runs on, with a
// button that copies them for a bug report.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The versions as plain text, as copied.
    static QString versionsText();
};

} // namespace Workbench
