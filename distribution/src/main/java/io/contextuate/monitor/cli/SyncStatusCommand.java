package io.contextuate.monitor.cli;

import io.contextuate.monitor.migrator.SyncOptions;
import io.contextuate.monitor.migrator.SyncStatus;
import io.contextuate.monitor.spi.json.MonitorJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sync status}: per source, how far the target is behind, the lag, and the last error. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Shows, per source and target, the sessions and lines not carried yet, the lag in seconds and "
                + "the last error.")
public final class SyncStatusCommand implements Callable<Integer> {

    @Option(names = "--state", paramLabel = "DIR",
            description = "The state folder the sync uses (default: ~/.contextuate/sync).")
    Path state;

    @Option(names = "--json", description = "One JSON object per source and target (JSON Lines).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path root = state != null ? state : SyncOptions.defaults().stateRoot();
        List<SyncStatus> all = SyncStatus.read(root);
        PrintWriter out = spec.commandLine().getOut();
        if (all.isEmpty() && !json) {
            out.println("No sync state in " + root + ".");
        }
        if (json) {
            all.forEach(s -> out.println(MonitorJson.toText(s.toJson())));
        } else if (!all.isEmpty()) {
            TextTable table = new TextTable("SOURCE", "TARGET", "SESSIONS BEHIND", "LINES BEHIND", "LAG", "RUNNING",
                    "LAST ERROR");
            for (SyncStatus s : all) {
                table.row(s.source(), s.target(), Long.toString(s.sessionsBehind()), Long.toString(s.linesBehind()),
                        s.lagSeconds() < 0 ? "unknown" : s.lagSeconds() + " s", s.running() ? "yes" : "no",
                        s.lastError() == null ? "" : s.lastError());
            }
            table.print(out);
        }
        out.flush();
        return all.stream().anyMatch(s -> s.lastError() != null) ? ExitCode.FAILED : ExitCode.OK;
    }
}
