package io.contextuate.monitor.cli;

import io.contextuate.monitor.migrator.Sync;
import io.contextuate.monitor.migrator.SyncOptions;
import io.contextuate.monitor.migrator.SyncSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code sync}: carries upstream file stores into any store; with {@code --follow}, keeps doing so as upstream
 * writes, until stopped (SIGTERM or Ctrl-C end it after the current batch, every position saved, exit 0).
 */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = SyncStatusCommand.class,
        description = {"Carries upstream file stores (--from DIR, one or more) into DST and, with --follow, keeps "
                + "DST current as upstream writes.",
            "DST is a configuration file or a directory holding a file store. Every line is carried once in effect: "
                    + "positions are saved in the state folder only after DST confirmed the rows.",
            "A session record is written when the source changed it since it was last carried, so a label or pin "
                    + "set in DST survives. Sessions deleted upstream stay in DST unless --propagate-deletes.",
            "Without --follow: brings DST up to date and exits (for cron or a systemd timer)."})
public final class SyncCommand implements Callable<Integer> {

    /** How long a stop request waits for the current batch before the process ends anyway. */
    private static final long STOP_WAIT_SECONDS = 60;

    @Option(names = "--from", paramLabel = "DIR",
            description = "An upstream file store directory (for example ~/.contextuate/monitor); repeat for more.")
    List<Path> from = new ArrayList<>();

    @Option(names = "--to", paramLabel = "DST",
            description = "The target store: a configuration file, or a directory holding a file store.")
    Path to;

    @Option(names = "--follow", description = "Keep running and carry every change within a second.")
    boolean follow;

    @Option(names = "--state", paramLabel = "DIR",
            description = "Where positions and what was carried are kept (default: ~/.contextuate/sync).")
    Path state;

    @Option(names = "--propagate-deletes",
            description = "Delete from DST the sessions deleted upstream (default: DST keeps them).")
    boolean propagateDeletes;

    @Option(names = "--poll-interval", paramLabel = "D", defaultValue = "1s", converter = AgeConverter.class,
            description = "How often to look where file change notifications do not work (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--partial-line-timeout", paramLabel = "D", defaultValue = "60s", converter = AgeConverter.class,
            description = "How long a last line without its line feed may wait, the file idle, before it is "
                    + "rejected (default: ${DEFAULT-VALUE}).")
    Duration partialLineTimeout;

    @Option(names = "--rejects", paramLabel = "DIR",
            description = "Where rejected records go (default: rejects/ in the state folder of each source).")
    Path rejects;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (from.isEmpty() || to == null) {
            throw new UsageException("sync needs --from DIR (one or more) and --to DST");
        }
        for (Path dir : from) {
            if (!Files.isDirectory(dir)) {
                throw new UsageException("--from " + dir + " is not a directory: name the directory of an upstream "
                        + "file store (for example ~/.contextuate/monitor)");
            }
            if (dir.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) {
                throw new UsageException("--from and --to name the same store: " + dir);
            }
        }
        if (pollInterval.isZero()) {
            throw new UsageException("--poll-interval must be more than 0");
        }
        SyncOptions options = SyncOptions.defaults().withStateDir(state).withRejectsDir(rejects)
                .withPropagateDeletes(propagateDeletes).withPollInterval(pollInterval)
                .withPartialLineTimeout(partialLineTimeout);
        Sync sync = new Sync(options);
        PrintWriter out = spec.commandLine().getOut();
        // SIGTERM or Ctrl-C, following or not: stop after the current batch, positions saved, and exit as the run
        // ended (0 when it stopped cleanly), not with a signal's status
        CountDownLatch finished = new CountDownLatch(1);
        int[] exitCode = {0};
        Thread hook = new Thread(() -> {
            sync.stop();
            try {
                finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.flush();
            spec.commandLine().getErr().flush();
            Runtime.getRuntime().halt(exitCode[0]); // a signal's exit status would be 143; a requested stop is 0
        }, "sync-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        SyncSummary summary = follow ? sync.follow(from, to) : sync.once(from, to);
        exitCode[0] = summary.exitCode();
        out.println(summary.describe());
        out.flush();
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            Thread.currentThread().join(); // the hook ends the process
        }
        return summary.exitCode();
    }
}
