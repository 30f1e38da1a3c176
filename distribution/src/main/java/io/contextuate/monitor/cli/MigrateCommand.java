package io.contextuate.monitor.cli;

import io.contextuate.monitor.migrator.CheckpointMismatchException;
import io.contextuate.monitor.migrator.MigrationOptions;
import io.contextuate.monitor.migrator.MigrationSummary;
import io.contextuate.monitor.migrator.Migrator;
import io.contextuate.monitor.spi.RetryPolicy;
import io.contextuate.monitor.spi.json.MonitorJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code migrate}: streams every session and event of one store into another, idempotently and resumably, keeping
 * what cannot be read or stored in a rejects folder, and verifying the result.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Copies every session and event from SRC to DST.",
            "SRC and DST are each a configuration file or a directory holding a file store.",
            "Safe to repeat: records the target holds are not copied twice, and a run that was interrupted "
                    + "(even by kill -9) goes on where it stopped.",
            "Records that cannot be read or stored are kept, with the reason, in the rejects folder (exit code 3).",
            "At the end DST is checked to hold every record of SRC; what it holds beyond (a merge of several "
                    + "stores into one) is reported, not counted as a difference."})
public final class MigrateCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "SRC",
            description = "The source store: a configuration file, or a directory holding a file store.")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "DST",
            description = "The target store: a configuration file, or a directory holding a file store.")
    Path to;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + MigrationOptions.DEFAULT_BATCH_EVENTS,
            description = "The most events saved in one call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--batch-bytes", paramLabel = "BYTES", defaultValue = "" + MigrationOptions.DEFAULT_BATCH_BYTES,
            description = "The most bytes of event JSON saved in one call; a larger event goes alone "
                    + "(default: ${DEFAULT-VALUE}).")
    long batchBytes;

    @Option(names = "--rejects", paramLabel = "DIR",
            description = "Where rejected records go (default: ~/.contextuate/migrations/KEY/rejects).")
    Path rejects;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Where progress is recorded (default: beside the rejects).")
    Path checkpoint;

    @Option(names = "--summary", paramLabel = "FILE", description = "Also write the summary as JSON to FILE.")
    Path summaryFile;

    @Option(names = "--max-rejects", paramLabel = "N", defaultValue = "0",
            description = "Stop (resumably) once N records were rejected; 0: never (default).")
    long maxRejects;

    @Option(names = "--retry-budget", paramLabel = "TIME", defaultValue = "60s",
            description = "How long an unreachable target is waited for, in all, before the run stops resumably: "
                    + "a whole number and s, m, h or d, 0s to stop at once, or 'unlimited' (default: ${DEFAULT-VALUE}).")
    String retryBudget;

    @Option(names = "--dry-run", description = "Read and validate everything; write nothing to the target.")
    boolean dryRun;

    @Option(names = "--no-verify", description = "Do not check at the end that the target holds every source record.")
    boolean noVerify;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (batchSize < 1 || batchBytes < 1 || maxRejects < 0) {
            throw new UsageException("--batch-size and --batch-bytes must be at least 1, --max-rejects at least 0");
        }
        if (!Files.exists(from)) {
            throw new UsageException("--from " + from + " does not exist: name a configuration file or the "
                    + "directory of a file store");
        }
        if (from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) {
            throw new UsageException("--from and --to name the same store: " + from);
        }
        MigrationOptions options = MigrationOptions.defaults().withBatchEvents(batchSize).withBatchBytes(batchBytes)
                .withRejectsDir(rejects).withCheckpointFile(checkpoint).withMaxRejects(maxRejects)
                .withDryRun(dryRun).withVerify(!noVerify).withRetry(retryPolicy(retryBudget));
        PrintWriter err = spec.commandLine().getErr();
        ProgressDisplay progress = ProgressDisplay.forStandardError(err, "migrate");
        MigrationSummary summary;
        try {
            summary = new Migrator(options, progress).migrate(from, to);
        } catch (CheckpointMismatchException e) {
            throw new UsageException(e.getMessage());
        } finally {
            progress.close();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(summary.describe());
        out.flush();
        if (summaryFile != null) {
            write(summaryFile, MonitorJson.toUpstreamPretty(summary.toJson()));
        }
        return summary.exitCode();
    }

    /** The policy a {@code --retry-budget} value names. */
    static RetryPolicy retryPolicy(String budget) {
        if (budget.trim().equalsIgnoreCase("unlimited")) {
            return RetryPolicy.unlimited(Duration.ofSeconds(1), Duration.ofSeconds(15));
        }
        try {
            return RetryPolicy.within(new AgeConverter().convert(budget));
        } catch (CommandLine.TypeConversionException e) {
            throw new UsageException("--retry-budget " + budget + ": use a whole number and s, m, h or d (60s, 5m),"
                    + " or 'unlimited'");
        }
    }

    private static void write(Path file, byte[] json) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary to " + file, e);
        }
    }
}
