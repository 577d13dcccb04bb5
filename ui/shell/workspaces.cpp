#include "ui/shell/workspaces.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

// Q_INIT_RESOURCE must be used outside any namespace.
static void initWorkbenchResources()
{
    Q_INIT_RESOURCE(workbench);
}

namespace Workbench {

namespace {
namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Workspaces)
};
} // namespace

QList<WorkspaceInfo> makeWorkspaces()
{
    return {
        {u"events"_s,
         {u"event"_s},
         Messages::tr("Events"),
         u":/icons/events.svg"_s,
         Messages::tr("Compose manual events and fire them at the host agent's event endpoint."),
         {Messages::tr("A form for title, text, severity, time and duration that cannot produce a wrong payload"),
          Messages::tr("Batches sent as one array, with a live preview of the exact request body"),
          Messages::tr("Templates, a searchable history, and copy as curl, PowerShell, Ruby or Python"),
          Messages::tr("A durable outbox that keeps events until the agent has taken them")}},
        {u"spans"_s,
         {u"span-trees"_s, u"spantrees"_s, u"editor"_s},
         Messages::tr("Span Trees"),
         u":/icons/spans.svg"_s,
         Messages::tr("Hand-craft span trees in Instana's native format and send them to the trace endpoint."),
         {Messages::tr("A tree editor for ENTRY, EXIT, INTERMEDIATE and EUM spans, with undo and redo"),
          Messages::tr("Live validation against the agent's rules and limits"),
          Messages::tr("A generator of realistic traces for demos and load tests"),
          Messages::tr("A sender that keeps to 20 calls/s, 1000 spans and 4 MiB per request")}},
        {u"viewer"_s,
         {u"trace-viewer"_s, u"traces"_s},
         Messages::tr("Trace Viewer"),
         u":/icons/viewer.svg"_s,
         Messages::tr("Explore a trace as a waterfall that stays smooth at a million spans."),
         {Messages::tr("A waterfall of spans with zoom, pan and a minimap"),
          Messages::tr("Find and filter by name, service, data, duration or error"),
          Messages::tr("Critical path, re-rooting and self-time statistics per service"),
          Messages::tr("Opens files, traces from Span Trees and traces captured by the local agent")}},
        {u"agent"_s,
         {u"local-agent"_s},
         Messages::tr("Local Agent"),
         u":/icons/agent.svg"_s,
         Messages::tr("A stand-in for the host agent on this machine that captures and checks what is sent to it."),
         {Messages::tr("The agent's event and trace endpoints on 127.0.0.1:42699"),
          Messages::tr("Every request checked against the documented limits, rejections explained"),
          Messages::tr("Live tables of the events, spans and traces received")}},
        {u"rest"_s,
         {u"rest-browser"_s, u"api"_s},
         Messages::tr("REST Browser"),
         u":/icons/rest.svg"_s,
         Messages::tr("Browse Instana REST API data visually."),
         {Messages::tr("Snapshots, website and mobile apps, applications and service rules"),
          Messages::tr("Traces and metrics, with charts"),
          Messages::tr("API tokens kept only in the system keychain")}},
    };
}
} // namespace

const QList<WorkspaceInfo> &workspaces()
{
    static const QList<WorkspaceInfo> all = makeWorkspaces();
    return all;
}

std::optional<qsizetype> findWorkspace(const QString &name)
{
    const QString wanted = name.trimmed();
    const auto &all = workspaces();
    for (qsizetype i = 0; i < all.size(); ++i) {
        const WorkspaceInfo &info = all.at(i);
        if (info.id.compare(wanted, Qt::CaseInsensitive) == 0 || info.title.compare(wanted, Qt::CaseInsensitive) == 0
            || info.aliases.contains(wanted, Qt::CaseInsensitive))
            return i;
    }
    return std::nullopt;
}

QString workspaceIds()
{
    QStringList ids;
    for (const WorkspaceInfo &info : workspaces())
        ids << info.id;
    return ids.join(u", "_s);
}

void initResources()
{
    initWorkbenchResources();
}

} // namespace Workbench
