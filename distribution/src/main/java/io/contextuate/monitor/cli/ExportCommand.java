package io.contextuate.monitor.cli;

import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Writes the whole configured store, whatever its kind, into a directory in upstream's file layout, and reports on
 * standard error what could not be read or written.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes the whole store to DIR in upstream's file layout.",
            "DIR gets sessions/<id>/meta.json and events.jsonl, as the upstream monitor writes them.",
            "Records the store cannot read, or the export cannot write, are listed on standard error (exit code 3).",
            "Progress is shown on standard error when it is a terminal."})
final class ExportCommand implements Callable<Integer>, StoreCopy.Listener {

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The directory to write to.")
    private Path dir;

    @Option(names = "--force",
            description = "Write into DIR even if it is not empty (sessions there are replaced, events kept).")
    private boolean force;

    @ParentCommand
    private ContextuateMonitor root;

    @Spec
    private CommandSpec spec;

    /** What the source could not read, each once (a store may meet the same damage on two passes). */
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    private final Set<String> noted = ConcurrentHashMap.newKeySet();
    private StatusLine status;

    @Override
    public Integer call() {
        MonitorConfig config = root.config();
        refuseExportIntoItself(config);
        refuseNonEmpty(dir);
        status = StatusLine.forConsole(err());
        StoreCopy copy;
        try (MonitorStore source = MonitorPersistence.openForReading(config, this::unreadable);
             MonitorStore target = MonitorPersistence.open(MonitorConfig.fileStore(dir))) {
            copy = new StoreCopy(source, target, this);
            copy.run();
        } finally {
            status.clear();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Exported " + copy.sessions() + " sessions and " + copy.events() + " events to " + dir + ".");
        long bad = copy.rejected() + unreadable.size();
        if (bad > 0) {
            out.println(bad + " records were rejected or unreadable (listed on standard error).");
            return ExitCode.REJECTED;
        }
        return ExitCode.OK;
    }

    @Override
    public synchronized void rejected(String what, InvalidRecordException why) {
        status.clear();
        err().println("rejected " + what + ": " + HumanFormat.oneLine(why.getMessage()));
    }

    @Override
    public void progressed(StoreCopy copy) {
        status.update(() -> "exporting: " + copy.sessions() + " sessions, " + copy.events() + " events");
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

    private void refuseNonEmpty(Path target) {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new UsageException("--dir " + target + " is a file, not a directory");
        }
        if (force || !Files.isDirectory(target)) {
            return;
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isPresent()) {
                throw new UsageException("--dir " + target + " is not empty; choose an empty or new directory, "
                        + "or add --force to write into it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + target, e);
        }
    }
}
