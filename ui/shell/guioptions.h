#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

namespace Workbench {

// The command line of instana-workbench.
struct GuiOptions
{
    enum class Action {
        Run, // open the window (or render it, with --screenshot)
        ShowHelp, // print `text` on stdout, exit 0
        ShowVersion, // print `text` on stdout, exit 0
        UsageError, // print `text` on stderr, exit 2
    };

    Action action = Action::Run;
    QString text;
    QString page; // workspace id, already checked
    QString restView; // a REST Browser view to load (catalog name, already checked); page is "rest"
    QString traceFile; // a JSON file of spans to open in the Trace Viewer (absolute path)
    QString screenshotFile; // render the window into this PNG and exit
    QSize screenshotSize{1280, 800};

    // arguments[0] is the program path, as in QCoreApplication::arguments().
    static GuiOptions parse(const QStringList &arguments);

    // Must run before the QApplication exists. Picks Qt's offscreen platform when the
    // window will not be shown (--help, --version, --screenshot) or when there is no display,
    // unless QT_QPA_PLATFORM says otherwise. Returns true when there is no display to show a
    // window on.
    static bool preparePlatform(int argc, char **argv);
};

} // namespace Workbench
