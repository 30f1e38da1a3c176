package io.contextuate.monitor.cli;

import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.model.MonitorEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** Lists the events of one session: of those within the bounds, the newest N, oldest first. */
@Command(name = "events", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists the events of a session: of those between the (exclusive) bounds, the newest N, oldest first.")
final class EventsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id.")
    private String sessionId;

    @Option(names = "--limit", paramLabel = "N",
            description = "At most N events, the newest (default: " + EventQuery.DEFAULT_LIMIT + ", as upstream).")
    private int limit = EventQuery.DEFAULT_LIMIT;

    @Option(names = "--before", paramLabel = "MS", description = "Only events before this time (Unix ms, exclusive).")
    private Long before;

    @Option(names = "--after", paramLabel = "MS", description = "Only events after this time (Unix ms, exclusive).")
    private Long after;

    @Option(names = "--json", description = "One event per line in upstream's events.jsonl form (JSON Lines).")
    private boolean json;

    @ParentCommand
    private ContextuateMonitor root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        EventQuery query = new EventQuery(Limits.positive(limit, "--limit"), before, after);
        List<MonitorEvent> events;
        try (MonitorStore store = root.openStoreForReading()) {
            events = store.getEvents(sessionId, query);
            if (events.isEmpty() && store.getSession(sessionId).isEmpty()) {
                spec.commandLine().getErr().println("No session '" + sessionId + "' in " + store.describe() + ".");
                return ExitCode.FAILED;
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonLines lines = new JsonLines(out);
            events.forEach(lines::write);
            return ExitCode.OK;
        }
        if (events.isEmpty()) {
            out.println("No events in session '" + sessionId + "'" + (before != null || after != null
                    ? " within the bounds." : "."));
            return ExitCode.OK;
        }
        TextTable table = new TextTable("TIME (UTC)", "EVENT", "EVENT TYPE", "HOOK", "SUMMARY");
        for (MonitorEvent e : events) {
            table.row(HumanFormat.time(e.timestamp()), HumanFormat.head(e.id(), 13),
                    HumanFormat.head(e.eventType().value(), 20), HumanFormat.head(e.hookType().value(), 20),
                    EventSummary.of(e, 60));
        }
        table.print(out);
        return ExitCode.OK;
    }
}
