package io.contextuate.monitor.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreStats;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.SessionMeta;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** Counts over the whole store: sessions by status, events, the span of start times. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Counts over the whole store: sessions (by status), events, first and last session start.")
final class StatsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "The counts as one JSON object.")
    private boolean json;

    @ParentCommand
    private ContextuateMonitor root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        String where;
        StoreStats stats;
        Map<String, Long> byStatus = new TreeMap<>();
        Long first = null;
        Long last = null;
        try (MonitorStore store = root.openStoreForReading()) {
            where = store.describe();
            stats = store.stats();
            try (Stream<SessionMeta> sessions = store.streamSessions()) {
                for (SessionMeta s : (Iterable<SessionMeta>) sessions::iterator) {
                    byStatus.merge(s.status().value(), 1L, Long::sum);
                    first = first == null ? s.startTime() : Math.min(first, s.startTime());
                    last = last == null ? s.startTime() : Math.max(last, s.startTime());
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = MonitorJson.newObject();
            o.put("store", where);
            o.put("sessions", stats.sessions());
            o.put("events", stats.events());
            ObjectNode statuses = o.putObject("sessionsByStatus");
            byStatus.forEach(statuses::put);
            if (first != null) {
                o.put("firstSessionStart", first);
                o.put("lastSessionStart", last);
            }
            new JsonLines(out).write(o);
            return ExitCode.OK;
        }
        TextTable table = new TextTable("WHAT", "VALUE");
        table.row("store", where);
        table.row("sessions", Long.toString(stats.sessions()));
        byStatus.forEach((status, n) -> table.row("  " + HumanFormat.head(status, 20), Long.toString(n)));
        table.row("events", Long.toString(stats.events()));
        table.row("first session start", HumanFormat.time(first));
        table.row("last session start", HumanFormat.time(last));
        table.print(out);
        return ExitCode.OK;
    }
}
