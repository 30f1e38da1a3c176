package io.contextuate.monitor.cli;

import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.migrator.MigrationListener;
import io.contextuate.monitor.migrator.MigrationOptions;
import io.contextuate.monitor.migrator.MigrationProgress;
import io.contextuate.monitor.migrator.MigrationSummary;
import io.contextuate.monitor.migrator.Migrator;
import io.contextuate.monitor.migrator.Outcome;
import io.contextuate.monitor.migrator.Reject;
import io.contextuate.monitor.migrator.StoreOpener;
import io.contextuate.monitor.spi.ReadProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Writes the whole configured store, whatever its kind, into a directory in upstream's file layout: a migration
 * whose target is a file store (parents first, rejects kept, retries, the result verified; a session without a
 * record stays without one unless {@code --rebuild-records}), reporting on standard error what could not be read or written.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes the whole store to DIR in upstream's file layout.",
            "DIR gets sessions/<id>/meta.json and events.jsonl, as the upstream monitor writes them.",
            "Records the store cannot read, or the export cannot write, are listed on standard error and kept in "
                    + "the rejects folder (exit code 3).",
            "Progress is shown on standard error when it is a terminal."})
final class ExportCommand implements Callable<Integer>, MigrationListener {

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The directory to write to.")
    private Path dir;

    @Option(names = "--force",
            description = "Write into DIR even if it is not empty (sessions there are replaced, events kept).")
    private boolean force;

    @Option(names = "--rejects", paramLabel = "DIR",
            description = "Where rejected records go (default: ~/.contextuate/migrations/KEY/rejects).")
    private Path rejects;

    @Option(names = "--no-verify", description = "Do not check at the end that DIR holds every record of the store.")
    private boolean noVerify;

    @Option(names = "--rebuild-records", description = "Give a session that has events but no record a meta.json "
            + "rebuilt from its events, as migrate does (default: the layout as it is, no record invented).")
    private boolean rebuildRecords;

    @ParentCommand
    private ContextuateMonitor root;

    @Spec
    private CommandSpec spec;

    /** What the source could not read, each once (the export reads the source more than once). */
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    private final Set<String> noted = ConcurrentHashMap.newKeySet();
    private StatusLine status;

    @Override
    public Integer call() {
        MonitorConfig config = root.config();
        refuseExportIntoItself(config);
        boolean fresh = refuseNonEmpty(dir);
        Path target = dir.toAbsolutePath().normalize();
        StoreOpener from = source(config);
        StoreOpener to = fileStore(target);
        // by default a copy of the layout: a session without a record stays without one
        MigrationOptions options = MigrationOptions.defaults().withRejectsDir(rejects).withVerify(!noVerify)
                .withRebuildRecords(rebuildRecords);
        if (fresh) {
            forgetEarlierProgress(new Migrator(options).checkpointFile(from, to));
        }
        status = StatusLine.forConsole(err());
        MigrationSummary summary;
        try {
            summary = new Migrator(options, this).migrate(from, to);
        } finally {
            status.clear();
        }
        PrintWriter out = spec.commandLine().getOut();
        long sessions = summary.sessions().written() + summary.sessions().alreadyPresent();
        long events = summary.events().written() + summary.events().alreadyPresent() + summary.resumedEvents();
        if (summary.outcome() != Outcome.COMPLETED && summary.outcome() != Outcome.COMPLETED_WITH_REJECTS) {
            err().println(summary.verificationReport().map(r -> r.describe() + System.lineSeparator()).orElse("")
                    + summary.message());
            return summary.exitCode();
        }
        out.println("Exported " + sessions + " sessions and " + events + " events to " + dir + ".");
        if (summary.rejected() > 0) {
            out.println(summary.rejected() + " records were rejected or unreadable (listed on standard error, kept in "
                    + summary.rejectsDir() + ").");
            return ExitCode.REJECTED;
        }
        return ExitCode.OK;
    }

    @Override
    public void progressed(MigrationProgress p) {
        status.update(() -> "exporting: " + p.phase().name().toLowerCase(Locale.ROOT) + ", "
                + p.eventsDone() + " of " + p.eventsTotal() + " events");
    }

    /** Records the target refused (those the source could not read are reported as they are met). */
    @Override
    public synchronized void rejected(Reject reject) {
        if (reject.kind() != Reject.Kind.UNREADABLE) {
            status.clear();
            err().println("rejected " + HumanFormat.oneLine(reject.describe()));
        }
    }

    /** The configured store, read only; what it cannot read is reported here and goes into the rejects too. */
    private StoreOpener source(MonitorConfig config) {
        return StoreOpener.opening(config.source().map(Path::toString).orElse(config.describeSource()),
                problems -> MonitorPersistence.openForReading(config, p -> {
                    unreadable(p);
                    problems.onProblem(p);
                }));
    }

    private static StoreOpener fileStore(Path target) {
        return StoreOpener.opening(target.toString(),
                problems -> MonitorPersistence.open(MonitorConfig.fileStore(target), problems));
    }

    /**
     * Reports what the source could not read. A problem that holds bytes means those bytes are not in the export
     * (counted, exit code 3); one without (an events file without meta.json, an empty meta.json) loses nothing and
     * is only noted.
     */
    private void unreadable(ReadProblem problem) {
        String description = HumanFormat.oneLine(problem.describe());
        boolean lost = problem.content().length > 0;
        if (!(lost ? unreadable : noted).add(description)) {
            return;
        }
        synchronized (this) {
            status.clear();
            err().println(lost
                    ? "unreadable: " + description + " (" + problem.content().length + " bytes not exported)"
                    : "note: " + description);
        }
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A file store exported into its own directory would read and rewrite the same files. */
    private void refuseExportIntoItself(MonitorConfig config) {
        if (!"file".equals(config.type()) || !config.persistence().hasPath("file.baseDir")) {
            return;
        }
        Path base = Path.of(config.persistence().getString("file.baseDir"));
        Path resolved = config.source().map(f -> f.resolveSibling(base)).orElse(base).toAbsolutePath().normalize();
        if (resolved.equals(dir.toAbsolutePath().normalize())) {
            throw new UsageException("--dir " + dir + " is the configured store itself; export to another directory");
        }
    }

    /** @return whether the directory is new or empty */
    private boolean refuseNonEmpty(Path target) {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new UsageException("--dir " + target + " is a file, not a directory");
        }
        if (!Files.isDirectory(target)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(target)) {
            boolean empty = entries.findAny().isEmpty();
            if (!empty && !force) {
                throw new UsageException("--dir " + target + " is not empty; choose an empty or new directory, "
                        + "or add --force to write into it");
            }
            return empty;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + target, e);
        }
    }

    /** An export into a new directory starts over, whatever an interrupted export into that path had done. */
    private static void forgetEarlierProgress(Path checkpoint) {
        try {
            Files.deleteIfExists(checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the checkpoint " + checkpoint + " of an earlier export", e);
        }
    }
}
