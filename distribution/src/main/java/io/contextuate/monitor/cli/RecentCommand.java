package io.contextuate.monitor.cli;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.model.MonitorEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** Lists the newest events across all sessions, newest first. */
@Command(name = "recent", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists the newest events across all sessions, newest first.")
final class RecentCommand implements Callable<Integer> {

    static final int DEFAULT_LIMIT = 200;

    @Option(names = "--limit", paramLabel = "N",
            description = "At most N events (default: " + DEFAULT_LIMIT + ", as upstream).")
    private int limit = DEFAULT_LIMIT;

    @Option(names = "--json", description = "One event per line in upstream's events.jsonl form (JSON Lines).")
    private boolean json;

    @ParentCommand
    private ContextuateMonitor root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        int n = Limits.positive(limit, "--limit");
        List<MonitorEvent> events;
        try (MonitorStore store = root.openStoreForReading()) {
            events = store.getAllRecentEvents(n);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonLines lines = new JsonLines(out);
            events.forEach(lines::write);
            return ExitCode.OK;
        }
        if (events.isEmpty()) {
            out.println("No events.");
            return ExitCode.OK;
        }
        TextTable table = new TextTable("TIME (UTC)", "SESSION", "EVENT", "EVENT TYPE", "HOOK", "SUMMARY");
        for (MonitorEvent e : events) {
            table.row(HumanFormat.time(e.timestamp()), HumanFormat.head(e.sessionId(), 20),
                    HumanFormat.head(e.id(), 13), HumanFormat.head(e.eventType().value(), 20),
                    HumanFormat.head(e.hookType().value(), 20), EventSummary.of(e, 50));
        }
        table.print(out);
        return ExitCode.OK;
    }
}
