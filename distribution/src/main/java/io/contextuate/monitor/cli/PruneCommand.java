package io.contextuate.monitor.cli;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.model.SessionMeta;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Deletes unpinned sessions (and their events) whose end time, or start time if they never ended, is older than
 * the age given; with {@code --dry-run}, lists them instead.
 */
@Command(name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Deletes old sessions with their events (--dry-run: lists them).",
            "Old: unpinned, and the end time (the start time if never ended) is older than --older-than.",
            "Pinned sessions are never pruned."})
final class PruneCommand implements Callable<Integer> {

    @Option(names = "--older-than", paramLabel = "AGE", required = true, converter = AgeConverter.class,
            description = "The age: a whole number and a unit, d, h, m or s (for example 90d).")
    private Duration age;

    @Option(names = "--dry-run", description = "List what would be deleted, and delete nothing.")
    private boolean dryRun;

    @ParentCommand
    private ContextuateMonitor root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        long cutoff = System.currentTimeMillis() - age.toMillis();
        PrintWriter out = spec.commandLine().getOut();
        try (MonitorStore store = root.openStore()) {
            if (dryRun) {
                List<SessionMeta> doomed = store.getSessions(SessionQuery.all()).stream()
                        .filter(s -> !s.pinned() && s.lastActivity() < cutoff)
                        .toList();
                listDoomed(out, doomed, cutoff);
                return ExitCode.OK;
            }
            int deleted = store.pruneOldSessions(cutoff);
            out.println("Pruned " + deleted + " sessions with no activity since " + HumanFormat.time(cutoff) + ".");
        }
        return ExitCode.OK;
    }

    private static void listDoomed(PrintWriter out, List<SessionMeta> doomed, long cutoff) {
        if (!doomed.isEmpty()) {
            TextTable table = new TextTable("SESSION", "STATUS", "LAST ACTIVITY (UTC)", "DIRECTORY");
            doomed.forEach(s -> table.row(HumanFormat.head(s.sessionId(), 20), HumanFormat.head(s.status().value(), 12),
                    HumanFormat.time(s.lastActivity()), HumanFormat.tail(s.workingDirectory(), 40)));
            table.print(out);
        }
        out.println("Dry run: " + doomed.size() + " sessions with no activity since " + HumanFormat.time(cutoff)
                + " would be pruned; nothing was deleted.");
    }
}
