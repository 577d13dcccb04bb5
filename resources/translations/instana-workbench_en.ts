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
    <name>Workbench::Cli::AgentCommand</name>
    <message numerus="yes">
        <source>iwb agent serve: %n request(s) (%1 accepted, %2 rejected), %3, %4 in %5; ran %6 s</source>
        <translation>
            <numerusform>Discarded from the outbox after %n attempt; last error: %1&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;Discarded from the outbox after %n attempt; last error: %1&lt;/numerusform&gt;
            &lt;numerusform&gt;Discarded from the outbox after %n attempts; last error: %1&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::AgentProtocol&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;(and %n more problem)&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;(and %n more problem)&lt;/numerusform&gt;
            &lt;numerusform&gt;(and %n more problems)&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::AgentServer&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;The local agent already has %n open connection.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;The local agent already has %n open connection.&lt;/numerusform&gt;
            &lt;numerusform&gt;The local agent already has %n open connections.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::AgentCommand&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;iwb agent serve: %n request (%1 accepted, %2 rejected), %3, %4 in %5; ran %6 s</numerusform>
            <numerusform>Discarded from the outbox after %n attempts; last error: %1&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;Discarded from the outbox after %n attempt; last error: %1&lt;/numerusform&gt;
            &lt;numerusform&gt;Discarded from the outbox after %n attempts; last error: %1&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::AgentProtocol&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;(and %n more problems)&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;(and %n more problem)&lt;/numerusform&gt;
            &lt;numerusform&gt;(and %n more problems)&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::AgentServer&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;The local agent already has %n open connections.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;The local agent already has %n open connection.&lt;/numerusform&gt;
            &lt;numerusform&gt;The local agent already has %n open connections.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::AgentCommand&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;iwb agent serve: %n requests (%1 accepted, %2 rejected), %3, %4 in %5; ran %6 s</numerusform>
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
    <name>Workbench::Cli::TraceSendCommands</name>
    <message numerus="yes">
        <source>Sending %n span(s) from %1 to %2</source>
        <translation>
            <numerusform>The local agent already has %n open connection.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;The local agent already has %n open connection.&lt;/numerusform&gt;
            &lt;numerusform&gt;The local agent already has %n open connections.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::EventCommand&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n event&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n event&lt;/numerusform&gt;
            &lt;numerusform&gt;%n events&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n attempt&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n attempt&lt;/numerusform&gt;
            &lt;numerusform&gt;%n attempts&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;discarded %n request from the outbox&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;discarded %n request from the outbox&lt;/numerusform&gt;
            &lt;numerusform&gt;discarded %n requests from the outbox&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::TraceCommand&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;… and %n more finding not shown.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;… and %n more finding not shown.&lt;/numerusform&gt;
            &lt;numerusform&gt;… and %n more findings not shown.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n span&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n span&lt;/numerusform&gt;
            &lt;numerusform&gt;%n spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n error&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n error&lt;/numerusform&gt;
            &lt;numerusform&gt;%n errors&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n warning&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n warning&lt;/numerusform&gt;
            &lt;numerusform&gt;%n warnings&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%1 has %n error.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%1 has %n error.&lt;/numerusform&gt;
            &lt;numerusform&gt;%1 has %n errors.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::TraceSendCommands&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;Sending %n span from %1 to %2</numerusform>
            <numerusform>The local agent already has %n open connections.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;The local agent already has %n open connection.&lt;/numerusform&gt;
            &lt;numerusform&gt;The local agent already has %n open connections.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::EventCommand&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n events&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n event&lt;/numerusform&gt;
            &lt;numerusform&gt;%n events&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n attempts&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n attempt&lt;/numerusform&gt;
            &lt;numerusform&gt;%n attempts&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;discarded %n requests from the outbox&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;discarded %n request from the outbox&lt;/numerusform&gt;
            &lt;numerusform&gt;discarded %n requests from the outbox&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::TraceCommand&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;… and %n more findings not shown.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;… and %n more finding not shown.&lt;/numerusform&gt;
            &lt;numerusform&gt;… and %n more findings not shown.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n spans&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n span&lt;/numerusform&gt;
            &lt;numerusform&gt;%n spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n errors&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n error&lt;/numerusform&gt;
            &lt;numerusform&gt;%n errors&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n warnings&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n warning&lt;/numerusform&gt;
            &lt;numerusform&gt;%n warnings&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%1 has %n errors.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%1 has %n error.&lt;/numerusform&gt;
            &lt;numerusform&gt;%1 has %n errors.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::TraceSendCommands&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;Sending %n spans from %1 to %2</numerusform>
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
            <numerusform>%n event&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n event&lt;/numerusform&gt;
            &lt;numerusform&gt;%n events&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n attempt&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n attempt&lt;/numerusform&gt;
            &lt;numerusform&gt;%n attempts&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;discarded %n request from the outbox&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;discarded %n request from the outbox&lt;/numerusform&gt;
            &lt;numerusform&gt;discarded %n requests from the outbox&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::TraceCommand&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;… and %n more finding not shown.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;… and %n more finding not shown.&lt;/numerusform&gt;
            &lt;numerusform&gt;… and %n more findings not shown.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n span&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n span&lt;/numerusform&gt;
            &lt;numerusform&gt;%n spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n error&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n error&lt;/numerusform&gt;
            &lt;numerusform&gt;%n errors&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n warning&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n warning&lt;/numerusform&gt;
            &lt;numerusform&gt;%n warnings&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%1 has %n error.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%1 has %n error.&lt;/numerusform&gt;
            &lt;numerusform&gt;%1 has %n errors.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::TraceSendCommands&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;Sending %n span from %1 to %2&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;The local agent already has %n open connection.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;The local agent already has %n open connection.&lt;/numerusform&gt;
            &lt;numerusform&gt;The local agent already has %n open connections.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::EventCommand&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n event&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n event&lt;/numerusform&gt;
            &lt;numerusform&gt;%n events&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n attempt&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n attempt&lt;/numerusform&gt;
            &lt;numerusform&gt;%n attempts&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;discarded %n request from the outbox&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;discarded %n request from the outbox&lt;/numerusform&gt;
            &lt;numerusform&gt;discarded %n requests from the outbox&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::TraceCommand&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;… and %n more finding not shown.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;… and %n more finding not shown.&lt;/numerusform&gt;
            &lt;numerusform&gt;… and %n more findings not shown.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n span&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n span&lt;/numerusform&gt;
            &lt;numerusform&gt;%n spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n error&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n error&lt;/numerusform&gt;
            &lt;numerusform&gt;%n errors&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n warning&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n warning&lt;/numerusform&gt;
            &lt;numerusform&gt;%n warnings&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%1 has %n error.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%1 has %n error.&lt;/numerusform&gt;
            &lt;numerusform&gt;%1 has %n errors.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::TraceSendCommands&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;Sending %n span from %1 to %2&lt;/numerusform&gt;
            &lt;numerusform&gt;The local agent already has %n open connections.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;The local agent already has %n open connection.&lt;/numerusform&gt;
            &lt;numerusform&gt;The local agent already has %n open connections.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::EventCommand&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n events&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n event&lt;/numerusform&gt;
            &lt;numerusform&gt;%n events&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n attempts&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n attempt&lt;/numerusform&gt;
            &lt;numerusform&gt;%n attempts&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;discarded %n requests from the outbox&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;discarded %n request from the outbox&lt;/numerusform&gt;
            &lt;numerusform&gt;discarded %n requests from the outbox&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::TraceCommand&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;… and %n more findings not shown.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;… and %n more finding not shown.&lt;/numerusform&gt;
            &lt;numerusform&gt;… and %n more findings not shown.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n spans&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n span&lt;/numerusform&gt;
            &lt;numerusform&gt;%n spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n errors&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n error&lt;/numerusform&gt;
            &lt;numerusform&gt;%n errors&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n warnings&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n warning&lt;/numerusform&gt;
            &lt;numerusform&gt;%n warnings&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%1 has %n errors.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%1 has %n error.&lt;/numerusform&gt;
            &lt;numerusform&gt;%1 has %n errors.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::TraceSendCommands&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;Sending %n spans from %1 to %2&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;the agent refused %n span for good (%1): %2&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;the agent refused %n span for good (%1): %2&lt;/numerusform&gt;
            &lt;numerusform&gt;the agent refused %n spans for good (%1): %2&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;Wrote %n span in %1 (%2, error rate %3) to %4 (%5) in %6 ms.</numerusform>
            <numerusform>%n events&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n event&lt;/numerusform&gt;
            &lt;numerusform&gt;%n events&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n attempts&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n attempt&lt;/numerusform&gt;
            &lt;numerusform&gt;%n attempts&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;discarded %n requests from the outbox&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;discarded %n request from the outbox&lt;/numerusform&gt;
            &lt;numerusform&gt;discarded %n requests from the outbox&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::TraceCommand&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;… and %n more findings not shown.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;… and %n more finding not shown.&lt;/numerusform&gt;
            &lt;numerusform&gt;… and %n more findings not shown.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n spans&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n span&lt;/numerusform&gt;
            &lt;numerusform&gt;%n spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n errors&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n error&lt;/numerusform&gt;
            &lt;numerusform&gt;%n errors&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n warnings&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n warning&lt;/numerusform&gt;
            &lt;numerusform&gt;%n warnings&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%1 has %n errors.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%1 has %n error.&lt;/numerusform&gt;
            &lt;numerusform&gt;%1 has %n errors.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::TraceSendCommands&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;Sending %n spans from %1 to %2&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;The local agent already has %n open connection.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;The local agent already has %n open connection.&lt;/numerusform&gt;
            &lt;numerusform&gt;The local agent already has %n open connections.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::EventCommand&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n event&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n event&lt;/numerusform&gt;
            &lt;numerusform&gt;%n events&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n attempt&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n attempt&lt;/numerusform&gt;
            &lt;numerusform&gt;%n attempts&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;discarded %n request from the outbox&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;discarded %n request from the outbox&lt;/numerusform&gt;
            &lt;numerusform&gt;discarded %n requests from the outbox&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::TraceCommand&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;… and %n more finding not shown.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;… and %n more finding not shown.&lt;/numerusform&gt;
            &lt;numerusform&gt;… and %n more findings not shown.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n span&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n span&lt;/numerusform&gt;
            &lt;numerusform&gt;%n spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n error&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n error&lt;/numerusform&gt;
            &lt;numerusform&gt;%n errors&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n warning&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n warning&lt;/numerusform&gt;
            &lt;numerusform&gt;%n warnings&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%1 has %n error.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%1 has %n error.&lt;/numerusform&gt;
            &lt;numerusform&gt;%1 has %n errors.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::TraceSendCommands&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;Sending %n span from %1 to %2&lt;/numerusform&gt;
            &lt;numerusform&gt;The local agent already has %n open connections.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;The local agent already has %n open connection.&lt;/numerusform&gt;
            &lt;numerusform&gt;The local agent already has %n open connections.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::EventCommand&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n events&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n event&lt;/numerusform&gt;
            &lt;numerusform&gt;%n events&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n attempts&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n attempt&lt;/numerusform&gt;
            &lt;numerusform&gt;%n attempts&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;discarded %n requests from the outbox&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;discarded %n request from the outbox&lt;/numerusform&gt;
            &lt;numerusform&gt;discarded %n requests from the outbox&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::TraceCommand&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;… and %n more findings not shown.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;… and %n more finding not shown.&lt;/numerusform&gt;
            &lt;numerusform&gt;… and %n more findings not shown.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n spans&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n span&lt;/numerusform&gt;
            &lt;numerusform&gt;%n spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n errors&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n error&lt;/numerusform&gt;
            &lt;numerusform&gt;%n errors&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%n warnings&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n warning&lt;/numerusform&gt;
            &lt;numerusform&gt;%n warnings&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;%1 has %n errors.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%1 has %n error.&lt;/numerusform&gt;
            &lt;numerusform&gt;%1 has %n errors.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::Cli::TraceSendCommands&lt;/name&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;Sending %n spans from %1 to %2&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;the agent refused %n spans for good (%1): %2&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;the agent refused %n span for good (%1): %2&lt;/numerusform&gt;
            &lt;numerusform&gt;the agent refused %n spans for good (%1): %2&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus="yes"&gt;
        &lt;source&gt;Wrote %n spans in %1 (%2, error rate %3) to %4 (%5) in %6 ms.</numerusform>
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
            <numerusform>%n request waits in the outbox</numerusform>
            <numerusform>%n requests wait in the outbox</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::FindBar</name>
    <message numerus="yes">
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln match</numerusform>
            <numerusform>%Ln matches</numerusform>
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
    <name>Workbench::OutboxPanel</name>
    <message numerus="yes">
        <source>Discard %n queued request(s)? They will never be sent. The history keeps a record.</source>
        <translation>
            <numerusform>%n minute&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n minute&lt;/numerusform&gt;
            &lt;numerusform&gt;%n minutes&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n hour&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n hour&lt;/numerusform&gt;
            &lt;numerusform&gt;%n hours&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n day&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n day&lt;/numerusform&gt;
            &lt;numerusform&gt;%n days&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::EventsUi&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n event&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n event&lt;/numerusform&gt;
            &lt;numerusform&gt;%n events&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n request&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n request&lt;/numerusform&gt;
            &lt;numerusform&gt;%n requests&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::EventsWorkspace&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n request wait in the outbox&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n request waits in the outbox&lt;/numerusform&gt;
            &lt;numerusform&gt;%n requests wait in the outbox&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::FindBar&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%Ln match(es)&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln match&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln matches&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::HistoryPanel&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n send&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n send&lt;/numerusform&gt;
            &lt;numerusform&gt;%n sends&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%1 of %n send&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%1 of %n send&lt;/numerusform&gt;
            &lt;numerusform&gt;%1 of %n sends&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n damaged line skipped&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n damaged line skipped&lt;/numerusform&gt;
            &lt;numerusform&gt;%n damaged lines skipped&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::OutboxPanel&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;Discard %n queued request? They will never be sent. The history keeps a record.</numerusform>
            <numerusform>%n minutes&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n minute&lt;/numerusform&gt;
            &lt;numerusform&gt;%n minutes&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n hours&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n hour&lt;/numerusform&gt;
            &lt;numerusform&gt;%n hours&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n days&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n day&lt;/numerusform&gt;
            &lt;numerusform&gt;%n days&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::EventsUi&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n events&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n event&lt;/numerusform&gt;
            &lt;numerusform&gt;%n events&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n requests&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n request&lt;/numerusform&gt;
            &lt;numerusform&gt;%n requests&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::EventsWorkspace&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n requests waits in the outbox&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n request waits in the outbox&lt;/numerusform&gt;
            &lt;numerusform&gt;%n requests wait in the outbox&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::FindBar&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%Ln match(es)&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln match&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln matches&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::HistoryPanel&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n sends&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n send&lt;/numerusform&gt;
            &lt;numerusform&gt;%n sends&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%1 of %n sends&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%1 of %n send&lt;/numerusform&gt;
            &lt;numerusform&gt;%1 of %n sends&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n damaged lines skipped&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n damaged line skipped&lt;/numerusform&gt;
            &lt;numerusform&gt;%n damaged lines skipped&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::OutboxPanel&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;Discard %n queued requests? They will never be sent. The history keeps a record.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::SpanDetailsPanel</name>
    <message numerus="yes">
        <source>%n span(s) name this parentId, but no span of the file has it: they are orphans, gathered here.</source>
        <translation>
            <numerusform>%n span names this parentId, but no span of the file has it: it is an orphan, gathered here.</numerusform>
            <numerusform>%n spans name this parentId, but no span of the file has it: they are orphans, gathered here.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Following the parents of these %n span(s) leads back to them; the cycle is broken and its spans are shown here.</source>
        <translation>
            <numerusform>Following the parent of this span leads back to it; the cycle is broken and the span is shown here.</numerusform>
            <numerusform>Following the parents of these %n spans leads back to them; the cycle is broken and its spans are shown here.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench::SpanFindings</name>
    <message numerus="yes">
        <source>✔ %n span(s), no findings: the agent takes them as they are.</source>
        <translation>
            <numerusform>✔ %n span, no findings: the agent takes it as it is.</numerusform>
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
            <numerusform>⚠ %n element of %1 is no span object and was left out:</numerusform>
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
            <numerusform>%n captured span could not be read and is left out.</numerusform>
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
            <numerusform>%n span name this parentId, but no span of the file has it: they are orphans, gathered here.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n span names this parentId, but no span of the file has it: it is an orphan, gathered here.&lt;/numerusform&gt;
            &lt;numerusform&gt;%n spans name this parentId, but no span of the file has it: they are orphans, gathered here.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;Following the parents of these %n span leads back to them; the cycle is broken and its spans are shown here.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;Following the parent of this span leads back to it; the cycle is broken and the span is shown here.&lt;/numerusform&gt;
            &lt;numerusform&gt;Following the parents of these %n spans leads back to them; the cycle is broken and its spans are shown here.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::SpanFindings&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;✔ %n span, no findings: the agent takes them as they are.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;✔ %n span, no findings: the agent takes it as it is.&lt;/numerusform&gt;
            &lt;numerusform&gt;✔ %n spans, no findings: the agent takes them as they are.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;✖ %n error&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;✖ %n error&lt;/numerusform&gt;
            &lt;numerusform&gt;✖ %n errors&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n warning&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n warning&lt;/numerusform&gt;
            &lt;numerusform&gt;%n warnings&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n span&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n span&lt;/numerusform&gt;
            &lt;numerusform&gt;%n spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::SpansWorkspace&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n span&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n span&lt;/numerusform&gt;
            &lt;numerusform&gt;%n spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n trace at the top&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n trace at the top&lt;/numerusform&gt;
            &lt;numerusform&gt;%n traces at the top&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;⚠ %n element of %1 are no span object and were left out:&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;⚠ %n element of %1 is no span object and was left out:&lt;/numerusform&gt;
            &lt;numerusform&gt;⚠ %n elements of %1 are no span object and were left out:&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;Sending %n span to %1…&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;Sending %n span to %1…&lt;/numerusform&gt;
            &lt;numerusform&gt;Sending %n spans to %1…&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%1 of %2 spans sent · %n request&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%1 of %2 spans sent · %n request&lt;/numerusform&gt;
            &lt;numerusform&gt;%1 of %2 spans sent · %n requests&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n retry&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n retry&lt;/numerusform&gt;
            &lt;numerusform&gt;%n retries&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::TraceViewerWorkspace&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n captured span could not be read and are left out.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n captured span could not be read and is left out.&lt;/numerusform&gt;
            &lt;numerusform&gt;%n captured spans could not be read and are left out.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%1 — %2 (%n span)&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%1 — %2 (%n span)&lt;/numerusform&gt;
            &lt;numerusform&gt;%1 — %2 (%n spans)&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;All %Ln span&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;All %Ln span&lt;/numerusform&gt;
            &lt;numerusform&gt;All %Ln spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%Ln span&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln span&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%Ln trace&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln trace&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln traces&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%Ln error&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln error&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln errors&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%Ln warning&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln warning&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln warnings&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%Ln row shown&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln row shown&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln rows shown&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;critical path: %Ln span&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;critical path: %Ln span&lt;/numerusform&gt;
            &lt;numerusform&gt;critical path: %Ln spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n error</numerusform>
            <numerusform>%n spans name this parentId, but no span of the file has it: they are orphans, gathered here.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n span names this parentId, but no span of the file has it: it is an orphan, gathered here.&lt;/numerusform&gt;
            &lt;numerusform&gt;%n spans name this parentId, but no span of the file has it: they are orphans, gathered here.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;Following the parents of these %n spans leads back to them; the cycle is broken and its spans are shown here.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;Following the parent of this span leads back to it; the cycle is broken and the span is shown here.&lt;/numerusform&gt;
            &lt;numerusform&gt;Following the parents of these %n spans leads back to them; the cycle is broken and its spans are shown here.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::SpanFindings&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;✔ %n spans, no findings: the agent takes them as they are.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;✔ %n span, no findings: the agent takes it as it is.&lt;/numerusform&gt;
            &lt;numerusform&gt;✔ %n spans, no findings: the agent takes them as they are.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;✖ %n errors&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;✖ %n error&lt;/numerusform&gt;
            &lt;numerusform&gt;✖ %n errors&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n warnings&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n warning&lt;/numerusform&gt;
            &lt;numerusform&gt;%n warnings&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n spans&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n span&lt;/numerusform&gt;
            &lt;numerusform&gt;%n spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::SpansWorkspace&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n spans&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n span&lt;/numerusform&gt;
            &lt;numerusform&gt;%n spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n traces at the top&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n trace at the top&lt;/numerusform&gt;
            &lt;numerusform&gt;%n traces at the top&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;⚠ %n elements of %1 are no span object and were left out:&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;⚠ %n element of %1 is no span object and was left out:&lt;/numerusform&gt;
            &lt;numerusform&gt;⚠ %n elements of %1 are no span object and were left out:&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;Sending %n spans to %1…&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;Sending %n span to %1…&lt;/numerusform&gt;
            &lt;numerusform&gt;Sending %n spans to %1…&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%1 of %2 spans sent · %n requests&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%1 of %2 spans sent · %n request&lt;/numerusform&gt;
            &lt;numerusform&gt;%1 of %2 spans sent · %n requests&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n retries&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n retry&lt;/numerusform&gt;
            &lt;numerusform&gt;%n retries&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Workbench::TraceViewerWorkspace&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n captured spans could not be read and are left out.&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n captured span could not be read and is left out.&lt;/numerusform&gt;
            &lt;numerusform&gt;%n captured spans could not be read and are left out.&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%1 — %2 (%n spans)&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%1 — %2 (%n span)&lt;/numerusform&gt;
            &lt;numerusform&gt;%1 — %2 (%n spans)&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;All %Ln spans&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;All %Ln span&lt;/numerusform&gt;
            &lt;numerusform&gt;All %Ln spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%Ln spans&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln span&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%Ln traces&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln trace&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln traces&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%Ln errors&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln error&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln errors&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%Ln warnings&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln warning&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln warnings&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%Ln rows shown&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln row shown&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln rows shown&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;critical path: %Ln spans&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;critical path: %Ln span&lt;/numerusform&gt;
            &lt;numerusform&gt;critical path: %Ln spans&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n errors</numerusform>
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
</TS>
