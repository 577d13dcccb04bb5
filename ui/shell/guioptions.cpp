#include "ui/shell/guioptions.h"

#include "core/about/buildinfo.h"
#include "core/browse/catalog.h"
#include "core/io/filenames.h"
#include "ui/shell/workspaces.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <cstring>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::GuiOptions)
};
} // namespace

constexpr auto programName = "instana-workbench"_L1;
} // namespace

GuiOptions GuiOptions::parse(const QStringList &arguments)
{
    GuiOptions options;
    auto usageError = [&options](const QString &message) {
        options.action = Action::UsageError;
        options.text = QString(programName) + u": "_s + message;
        return options;
    };

    QCommandLineParser parser;
    parser.setApplicationDescription(
        Messages::tr("Instana Workbench: fire events at the Instana host agent, hand-craft and send span trees, "
                     "view traces, capture with a local agent and browse the REST API."));
    const QCommandLineOption helpOption({u"h"_s, u"help"_s}, Messages::tr("Show this help."));
    const QCommandLineOption versionOption({u"v"_s, u"version"_s},
                                           Messages::tr("Show the version and the versions of the libraries."));
    const QCommandLineOption pageOption(u"page"_s, Messages::tr("Open the workspace NAME: %1.").arg(workspaceIds()),
                                        u"NAME"_s);
    const QCommandLineOption screenshotOption(
        u"screenshot"_s,
        Messages::tr(
            "Render the main window, after the other options are applied, into FILE.png and exit. Needs no display."),
        u"FILE.png"_s);
    const QCommandLineOption sizeOption(u"screenshot-size"_s,
                                        Messages::tr("The window size for --screenshot (default 1280x800)."), u"WxH"_s);
    const QCommandLineOption restViewOption(
        u"rest-view"_s,
        Messages::tr("Open the REST Browser's view VIEW and load it from the session's connection profile: %1.")
            .arg(Browse::viewNames()),
        u"VIEW"_s);
    parser.addOptions({helpOption, versionOption, pageOption, screenshotOption, sizeOption, restViewOption});
    parser.addPositionalArgument(
        u"FILE.json"_s,
        Messages::tr("A JSON file of spans to open in the Trace Viewer (shown unless --page says "
                     "otherwise)."),
        u"[FILE.json]"_s);

    if (!parser.parse(arguments))
        return usageError(parser.errorText());

    if (parser.isSet(helpOption)) {
        // QCommandLineParser names the program by the path it was started with; name it plainly.
        QString help = parser.helpText();
        const QString invoked
            = QCoreApplication::instance() ? QCoreApplication::arguments().value(0) : arguments.value(0);
        if (!invoked.isEmpty())
            help.replace(help.indexOf(invoked), invoked.size(), programName);
        options.action = Action::ShowHelp;
        options.text = help;
        return options;
    }
    if (parser.isSet(versionOption)) {
        options.action = Action::ShowVersion;
        options.text = BuildInfo::current().summaryLine(programName);
        return options;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return usageError(
            Messages::tr("unexpected argument '%1'; one file can be opened; see --help").arg(positional.at(1)));
    if (!positional.isEmpty()) {
        // The name as the system gave it (a FIFO or a name that is not UTF-8 opens, as with iwb).
        const QString &name = positional.constFirst();
        struct stat status = {};
        if (::stat(Io::encodeFileName(name).constData(), &status) != 0)
            return usageError(Messages::tr("unexpected argument '%1'; there is no such file to open; see --help")
                                  .arg(Io::shownFileName(name)));
        if (S_ISDIR(status.st_mode))
            return usageError(Messages::tr("'%1' is no file; give a JSON file of spans").arg(Io::shownFileName(name)));
        options.traceFile = QDir::current().absoluteFilePath(name);
        options.page = u"viewer"_s;
    }

    if (parser.isSet(pageOption)) {
        const QString page = parser.value(pageOption);
        const auto index = findWorkspace(page);
        if (!index)
            return usageError(
                Messages::tr("there is no workspace '%1'; the workspaces are: %2").arg(page, workspaceIds()));
        options.page = workspaces().at(*index).id;
    }

    if (parser.isSet(restViewOption)) {
        const QString name = parser.value(restViewOption);
        const Browse::ViewInfo *view = Browse::findView(name);
        if (!view)
            return usageError(
                Messages::tr("there is no REST view '%1'; the views are: %2").arg(name, Browse::viewNames()));
        if (!view->idName.isEmpty())
            return usageError(
                Messages::tr("the REST view '%1' shows one thing by its id; open it from a list view").arg(view->name));
        if (!options.page.isEmpty() && options.page != u"rest"_s)
            return usageError(
                Messages::tr("--rest-view opens the REST Browser; it does not go with --page %1").arg(options.page));
        options.restView = view->name;
        options.page = u"rest"_s;
    }

    if (parser.isSet(screenshotOption)) {
        options.screenshotFile = parser.value(screenshotOption);
        if (options.screenshotFile.isEmpty())
            return usageError(Messages::tr("--screenshot needs a file name"));
        if (QFileInfo(options.screenshotFile).suffix().compare(u"png"_s, Qt::CaseInsensitive) != 0)
            return usageError(Messages::tr("--screenshot writes PNG files; name one ending in .png"));
    }
    if (parser.isSet(sizeOption)) {
        static const QRegularExpression pattern(u"^(\\d{2,5})x(\\d{2,5})$"_s);
        const auto match = pattern.match(parser.value(sizeOption));
        const int width = match.hasMatch() ? match.captured(1).toInt() : 0;
        const int height = match.hasMatch() ? match.captured(2).toInt() : 0;
        if (width < 320 || height < 240 || width > 8192 || height > 8192)
            return usageError(Messages::tr("--screenshot-size takes WIDTHxHEIGHT between 320x240 and 8192x8192"));
        if (options.screenshotFile.isEmpty())
            return usageError(Messages::tr("--screenshot-size goes with --screenshot"));
        options.screenshotSize = QSize(width, height);
    }
    return options;
}

bool GuiOptions::preparePlatform(int argc, char **argv)
{
    bool windowless = false;
    for (int i = 1; i < argc; ++i) {
        const char *arg = argv[i];
        if (!std::strcmp(arg, "-h") || !std::strcmp(arg, "--help") || !std::strcmp(arg, "-v")
            || !std::strcmp(arg, "--version") || !std::strncmp(arg, "--screenshot", 12))
            windowless = true;
    }
    bool noDisplay = false;
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    noDisplay = qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#endif
    if (!qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        return false;
    if (windowless || noDisplay)
        qputenv("QT_QPA_PLATFORM", "offscreen");
    return noDisplay;
}

} // namespace Workbench
