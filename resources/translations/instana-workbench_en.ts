<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>OutboxDiscard</name>
    <message numerus="yes">
        <source>Discarded from the outbox after %n attempt(s); last error: %1</source>
        <translation>
            <numerusform>Discarded from the outbox after %n attempt; last error: %1</numerusform>
            <numerusform>Discarded from the outbox after %n attempts; last error: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::AgentProtocol</name>
    <message numerus="yes">
        <source>(and %n more problem(s))</source>
        <translation>
            <numerusform>(and %n more problem)</numerusform>
            <numerusform>(and %n more problems)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::AgentServer</name>
    <message numerus="yes">
        <source>The local agent already has %n open connection(s).</source>
        <translation>
            <numerusform>The local agent already has %n open connection.</numerusform>
            <numerusform>The local agent already has %n open connections.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::Browse::TraceFetch</name>
    <message numerus="yes">
        <source>None of the %n call(s) of trace %1 has an id.</source>
        <translation>
            <numerusform>None of the %n call of trace %1 has an id.</numerusform>
            <numerusform>None of the %n calls of trace %1 has an id.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::Cli::AgentCommand</name>
    <message numerus="yes">
        <source>iwb agent serve: %n request(s) (%1 accepted, %2 rejected), %3, %4 in %5; ran %6 s</source>
        <translation>
            <numerusform>iwb agent serve: %n request (%1 accepted, %2 rejected), %3, %4 in %5; ran %6 s</numerusform>
            <numerusform>iwb agent serve: %n requests (%1 accepted, %2 rejected), %3, %4 in %5; ran %6 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n span</numerusform>
            <numerusform>%n spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n trace(s)</source>
        <translation>
            <numerusform>%n trace</numerusform>
            <numerusform>%n traces</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::Cli::ApiCommand</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n call</numerusform>
            <numerusform>%n calls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::Cli::BrowseCommand</name>
    <message numerus="yes">
        <source>%1: %n row(s).</source>
        <translation>
            <numerusform>%1: %n row.</numerusform>
            <numerusform>%1: %n rows.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::Cli::EventCommand</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>discarded %n request(s) from the outbox</source>
        <translation>
            <numerusform>discarded %n request from the outbox</numerusform>
            <numerusform>discarded %n requests from the outbox</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n damaged file(s)</source>
        <translation>
            <numerusform>%n damaged file</numerusform>
            <numerusform>%n damaged files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::Cli::TraceCommand</name>
    <message numerus="yes">
        <source>… and %n more finding(s) not shown.</source>
        <translation>
            <numerusform>… and %n more finding not shown.</numerusform>
            <numerusform>… and %n more findings not shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n span</numerusform>
            <numerusform>%n spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n error(s).</source>
        <translation>
            <numerusform>%1 has %n error.</numerusform>
            <numerusform>%1 has %n errors.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::Cli::TraceFetchCommand</name>
    <message numerus="yes">
        <source>Wrote %n span(s) of %1 to %2.</source>
        <translation>
            <numerusform>Wrote %n span of %1 to %2.</numerusform>
            <numerusform>Wrote %n spans of %1 to %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n call</numerusform>
            <numerusform>%n calls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::Cli::TraceSendCommands</name>
    <message numerus="yes">
        <source>Sending %n span(s) from %1 to %2</source>
        <translation>
            <numerusform>Sending %n span from %1 to %2</numerusform>
            <numerusform>Sending %n spans from %1 to %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the agent refused %n span(s) for good (%1): %2</source>
        <translation>
            <numerusform>the agent refused %n span for good (%1): %2</numerusform>
            <numerusform>the agent refused %n spans for good (%1): %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n span(s) in %1 (%2, error rate %3) to %4 (%5) in %6 ms.</source>
        <translation>
            <numerusform>Wrote %n span in %1 (%2, error rate %3) to %4 (%5) in %6 ms.</numerusform>
            <numerusform>Wrote %n spans in %1 (%2, error rate %3) to %4 (%5) in %6 ms.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n trace(s)</source>
        <translation>
            <numerusform>%n trace</numerusform>
            <numerusform>%n traces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n service</numerusform>
            <numerusform>%n services</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopping: nothing more is sent; waiting up to %1 s for the answers of %n request(s) under way (Ctrl+C again stops at once).</source>
        <translation>
            <numerusform>Stopping: nothing more is sent; waiting up to %1 s for the answers of %n request under way (Ctrl+C again stops at once).</numerusform>
            <numerusform>Stopping: nothing more is sent; waiting up to %1 s for the answers of %n requests under way (Ctrl+C again stops at once).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::Events</name>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::EventsUi</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::EventsWorkspace</name>
    <message numerus="yes">
        <source>%n request(s) wait(s) in the outbox</source>
        <translation>
            <numerusform>%n request wait in the outbox</numerusform>
            <numerusform>%n requests waits in the outbox</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::FindBar</name>
    <message numerus="yes">
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln match(es)</numerusform>
            <numerusform>%Ln match(es)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::HistoryPanel</name>
    <message numerus="yes">
        <source>%n send(s)</source>
        <translation>
            <numerusform>%n send</numerusform>
            <numerusform>%n sends</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n send(s)</source>
        <translation>
            <numerusform>%1 of %n send</numerusform>
            <numerusform>%1 of %n sends</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n damaged line(s) skipped</source>
        <translation>
            <numerusform>%n damaged line skipped</numerusform>
            <numerusform>%n damaged lines skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::Json::JsonTreeModel</name>
    <message numerus="yes">
        <source>{%n member(s)}</source>
        <translation>
            <numerusform>{%n member}</numerusform>
            <numerusform>{%n members}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n element(s)]</source>
        <translation>
            <numerusform>[%n element]</numerusform>
            <numerusform>[%n elements]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::JsonResultView</name>
    <message numerus="yes">
        <source>More than %n match(es) in the tree: the first ones are listed.</source>
        <translation>
            <numerusform>More than %n match in the tree: the first ones are listed.</numerusform>
            <numerusform>More than %n matches in the tree: the first ones are listed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) in the tree</source>
        <translation>
            <numerusform>%n match in the tree</numerusform>
            <numerusform>%n matches in the tree</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s) match</source>
        <translation>
            <numerusform>%1 of %n row match</numerusform>
            <numerusform>%1 of %n rows match</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::OutboxPanel</name>
    <message numerus="yes">
        <source>Discard %n queued request(s)? They will never be sent. The history keeps a record.</source>
        <translation>
            <numerusform>Discard %n queued request? They will never be sent. The history keeps a record.</numerusform>
            <numerusform>Discard %n queued requests? They will never be sent. The history keeps a record.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n damaged file(s) to %1.</source>
        <translation>
            <numerusform>Moved %n damaged file to %1.</numerusform>
            <numerusform>Moved %n damaged files to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Never sent, as the outbox cannot read them: %n damaged file(s): %1</source>
        <translation>
            <numerusform>Never sent, as the outbox cannot read them: %n damaged file: %1</numerusform>
            <numerusform>Never sent, as the outbox cannot read them: %n damaged files: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::RequestHistoryView</name>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::Rest::Pager</name>
    <message numerus="yes">
        <source>an array of %n element(s)</source>
        <translation>
            <numerusform>an array of %n element</numerusform>
            <numerusform>an array of %n elements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 has more than %n page(s), the ceiling of a fetch of every page; the fetch stops.</source>
        <translation>
            <numerusform>%1 has more than %n page, the ceiling of a fetch of every page; the fetch stops.</numerusform>
            <numerusform>%1 has more than %n pages, the ceiling of a fetch of every page; the fetch stops.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 said %2 items at first, which %n page(s) hold, yet asks for page %3; the fetch stops.</source>
        <translation>
            <numerusform>%1 said %2 items at first, which %n page hold, yet asks for page %3; the fetch stops.</numerusform>
            <numerusform>%1 said %2 items at first, which %n pages hold, yet asks for page %3; the fetch stops.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::Rest::RestJob</name>
    <message numerus="yes">
        <source>%1 answered 429 after %n attempt(s): too many requests at the same time for the backend&apos;s concurrency limit.</source>
        <translation>
            <numerusform>%1 answered 429 after %n attempt: too many requests at the same time for the backend&apos;s concurrency limit.</numerusform>
            <numerusform>%1 answered 429 after %n attempts: too many requests at the same time for the backend&apos;s concurrency limit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 answered 429 after %n attempt(s): the API token&apos;s rate limit is used up until %2.</source>
        <translation>
            <numerusform>%1 answered 429 after %n attempt: the API token&apos;s rate limit is used up until %2.</numerusform>
            <numerusform>%1 answered 429 after %n attempts: the API token&apos;s rate limit is used up until %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 answered 429 after %n attempt(s): the API token&apos;s rate limit is used up.</source>
        <translation>
            <numerusform>%1 answered 429 after %n attempt: the API token&apos;s rate limit is used up.</numerusform>
            <numerusform>%1 answered 429 after %n attempts: the API token&apos;s rate limit is used up.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 answered HTTP %2 after %n attempt(s): the server failed.</source>
        <translation>
            <numerusform>%1 answered HTTP %2 after %n attempt: the server failed.</numerusform>
            <numerusform>%1 answered HTTP %2 after %n attempts: the server failed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::RestBrowserWorkspace</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n call</numerusform>
            <numerusform>%n calls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::SpanDetailsPanel</name>
    <message numerus="yes">
        <source>%n span(s) name this parentId, but no span of the file has it: they are orphans, gathered here.</source>
        <translation>
            <numerusform>%n span name this parentId, but no span of the file has it: they are orphans, gathered here.</numerusform>
            <numerusform>%n spans name this parentId, but no span of the file has it: they are orphans, gathered here.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Following the parents of these %n span(s) leads back to them; the cycle is broken and its spans are shown here.</source>
        <translation>
            <numerusform>Following the parents of these %n span leads back to them; the cycle is broken and its spans are shown here.</numerusform>
            <numerusform>Following the parents of these %n spans leads back to them; the cycle is broken and its spans are shown here.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::SpanFindings</name>
    <message numerus="yes">
        <source>✔ %n span(s), no findings: the agent takes them as they are.</source>
        <translation>
            <numerusform>✔ %n span, no findings: the agent takes them as they are.</numerusform>
            <numerusform>✔ %n spans, no findings: the agent takes them as they are.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>✖ %n error(s)</source>
        <translation>
            <numerusform>✖ %n error</numerusform>
            <numerusform>✖ %n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n span</numerusform>
            <numerusform>%n spans</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::SpansWorkspace</name>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n span</numerusform>
            <numerusform>%n spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n trace(s) at the top</source>
        <translation>
            <numerusform>%n trace at the top</numerusform>
            <numerusform>%n traces at the top</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n element(s) of %1 are no span object and were left out:</source>
        <translation>
            <numerusform>⚠ %n element of %1 are no span object and were left out:</numerusform>
            <numerusform>⚠ %n elements of %1 are no span object and were left out:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending %n span(s) to %1…</source>
        <translation>
            <numerusform>Sending %n span to %1…</numerusform>
            <numerusform>Sending %n spans to %1…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %2 spans sent · %n request(s)</source>
        <translation>
            <numerusform>%1 of %2 spans sent · %n request</numerusform>
            <numerusform>%1 of %2 spans sent · %n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n retry(s)</source>
        <translation>
            <numerusform>%n retry</numerusform>
            <numerusform>%n retries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::TraceViewerWorkspace</name>
    <message numerus="yes">
        <source>%n captured span(s) could not be read and are left out.</source>
        <translation>
            <numerusform>%n captured span could not be read and are left out.</numerusform>
            <numerusform>%n captured spans could not be read and are left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %2 (%n span(s))</source>
        <translation>
            <numerusform>%1 — %2 (%n span)</numerusform>
            <numerusform>%1 — %2 (%n spans)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %Ln span(s)</source>
        <translation>
            <numerusform>All %Ln span</numerusform>
            <numerusform>All %Ln spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>%Ln span</numerusform>
            <numerusform>%Ln spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s)</source>
        <translation>
            <numerusform>%Ln trace</numerusform>
            <numerusform>%Ln traces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln error(s)</source>
        <translation>
            <numerusform>%Ln error</numerusform>
            <numerusform>%Ln errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln warning(s)</source>
        <translation>
            <numerusform>%Ln warning</numerusform>
            <numerusform>%Ln warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) shown</source>
        <translation>
            <numerusform>%Ln row shown</numerusform>
            <numerusform>%Ln rows shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>critical path: %Ln span(s)</source>
        <translation>
            <numerusform>critical path: %Ln span</numerusform>
            <numerusform>critical path: %Ln spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::Traces::TraceSender</name>
    <message numerus="yes">
        <source>All %n span(s) acknowledged in %1 (%2) in %3 s.</source>
        <translation>
            <numerusform>All %n span acknowledged in %1 (%2) in %3 s.</numerusform>
            <numerusform>All %n spans acknowledged in %1 (%2) in %3 s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n retry(s)</source>
        <translation>
            <numerusform>%n retry</numerusform>
            <numerusform>%n retries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n failed request(s)</source>
        <translation>
            <numerusform>%1 in %n failed request</numerusform>
            <numerusform>%1 in %n failed requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, stopping: waiting for the answers of %n request(s)</source>
        <translation>
            <numerusform>, stopping: waiting for the answers of %n request</numerusform>
            <numerusform>, stopping: waiting for the answers of %n requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::Traces::TraceValidator</name>
    <message numerus="yes">
        <source>Trace %1 (%n span(s)) has no root span: every span has a parentId.</source>
        <translation>
            <numerusform>Trace %1 (%n span) has no root span: every span has a parentId.</numerusform>
            <numerusform>Trace %1 (%n spans) has no root span: every span has a parentId.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::Ui::MetricsPanel</name>
    <message numerus="yes">
        <source>Check up to %n metric(s) to draw.</source>
        <translation>
            <numerusform>Check up to %n metric to draw.</numerusform>
            <numerusform>Check up to %n metrics to draw.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rollup: %n second(s)</source>
        <translation>
            <numerusform>Rollup: %n second</numerusform>
            <numerusform>Rollup: %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rollup: %n minute(s)</source>
        <translation>
            <numerusform>Rollup: %n minute</numerusform>
            <numerusform>Rollup: %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Asking for %n metric(s)…</source>
        <translation>
            <numerusform>Asking for %n metric…</numerusform>
            <numerusform>Asking for %n metrics…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n series</source>
        <translation>
            <numerusform>%n series</numerusform>
            <numerusform>%n series</numerusform>
        </translation>
    </message>
</context>
</TS>
