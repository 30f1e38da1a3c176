package io.contextuate.monitor.cli;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;
import io.contextuate.monitor.spi.model.TokenUsage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** Lists sessions, newest start time first. */
@Command(name = "sessions", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists sessions, newest start time first.")
final class SessionsCommand implements Callable<Integer> {

    static final int DEFAULT_LIMIT = 50;

    @Option(names = "--status", paramLabel = "S", description = "Only sessions with this status (active, completed, error, ...).")
    private String status;

    @Option(names = "--limit", paramLabel = "N", description = "At most N sessions (default: " + DEFAULT_LIMIT + ").")
    private Integer limit;

    @Option(names = "--all", description = "Every session (no limit).")
    private boolean all;

    @Option(names = "--json", description = "One session per line in upstream's meta.json form (JSON Lines).")
    private boolean json;

    @ParentCommand
    private ContextuateMonitor root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (all && limit != null) {
            throw new UsageException("--all and --limit exclude each other");
        }
        int shown = limit == null ? DEFAULT_LIMIT : Limits.positive(limit, "--limit");
        SessionQuery query = new SessionQuery(status == null ? null : SessionStatus.of(status), all ? null : shown);
        List<SessionMeta> sessions;
        try (MonitorStore store = root.openStoreForReading()) {
            sessions = store.getSessions(query);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonLines lines = new JsonLines(out);
            sessions.forEach(lines::write);
            return ExitCode.OK;
        }
        if (sessions.isEmpty()) {
            out.println(status == null ? "No sessions." : "No sessions with status '" + status + "'.");
            return ExitCode.OK;
        }
        TextTable table = new TextTable("SESSION", "STATUS", "STARTED (UTC)", "ENDED (UTC)", "TOKENS IN/OUT",
                "MODEL", "PARENT", "DIRECTORY");
        for (SessionMeta s : sessions) {
            table.row(HumanFormat.head(s.sessionId(), 20), HumanFormat.head(s.status().value(), 12),
                    HumanFormat.time(s.startTime()), HumanFormat.time(s.endTime()), tokens(s.tokenUsage()),
                    HumanFormat.head(s.model(), 28), HumanFormat.head(s.parentSessionId(), 20),
                    HumanFormat.tail(s.workingDirectory(), 40));
        }
        table.print(out);
        if (!all && sessions.size() == shown) {
            out.println("(the newest " + shown + " shown; --limit N or --all for more)");
        }
        return ExitCode.OK;
    }

    private static String tokens(TokenUsage usage) {
        return usage == null ? "-" : usage.totalInput() + "/" + usage.totalOutput();
    }
}
