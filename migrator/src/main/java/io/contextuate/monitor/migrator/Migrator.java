package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Streams every session and event of one store into another: idempotent (the target's saves add no copies),
 * resumable after a crash at any moment (a checkpoint records each session whose events are all saved), with what
 * cannot be read or stored kept in a rejects folder, and a record-by-record verification at the end that the target
 * holds every record of the source (a target holding more, as in a merge of several stores, passes).
 *
 * <pre>{@code
 * Path files = Path.of(System.getProperty("user.home"), ".contextuate", "monitor");
 * MigrationSummary s = new Migrator(MigrationOptions.defaults().withRejectsDir(dir))
 *         .migrate(files, Path.of("pg.json"));
 * }</pre>
 */
public final class Migrator {

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    private final MigrationOptions options;
    private final MigrationListener listener;

    public Migrator(MigrationOptions options) {
        this(options, MigrationListener.NONE);
    }

    public Migrator(MigrationOptions options, MigrationListener listener) {
        this.options = options;
        this.listener = listener == null ? MigrationListener.NONE : listener;
    }

    /**
     * Migrates between two stores, each a configuration file or a directory holding a file store.
     *
     * @throws io.contextuate.monitor.spi.ConfigurationException when a store's configuration cannot be used
     * @throws CheckpointMismatchException                       when the checkpoint belongs to other stores
     */
    public MigrationSummary migrate(Path from, Path to) {
        return migrate(StoreOpener.at(from), StoreOpener.at(to));
    }

    /**
     * Migrates between two stores. Both are closed at the end. A dry run does not open the target.
     *
     * @throws io.contextuate.monitor.spi.ConfigurationException when a store's configuration cannot be used
     * @throws StoreUnavailableException                        when a store cannot be opened (the target: within
     *                                                           the retry budget)
     * @throws CheckpointMismatchException                       when the checkpoint belongs to other stores
     */
    public MigrationSummary migrate(StoreOpener from, StoreOpener to) {
        WorkFolders folders = WorkFolders.of(options, from.name(), to.name());
        RejectsFolder rejects = new RejectsFolder(folders.rejectsDir());
        ProblemRelay relay = new ProblemRelay();
        try (MonitorStore source = from.openForReading(relay);
             MonitorStore target = options.dryRun() ? null : openWaiting(to);
             Checkpoint checkpoint = options.dryRun() ? null
                     : Checkpoint.open(folders.checkpointFile(), from.name(), to.name())) {
            if (checkpoint != null && checkpoint.completedCount() > 0) {
                LOG.info("resuming: {} sessions were completed by an earlier run ({})", checkpoint.completedCount(),
                        checkpoint.file());
            }
            CarriedRecords carried = options.dryRun() ? null : CarriedRecords.open(folders.carriedFile());
            MigrationRun run = new MigrationRun(source, target, options, listener, rejects, checkpoint, carried);
            relay.attach(run::onReadProblem);
            String targetName = target == null ? to.name() : target.describe();
            Ending end = runToTheEnd(run, source.describe(), targetName, rejects, folders);
            if (checkpoint != null && !end.outcome().resumable()) {
                checkpoint.markFinished();
            }
            MigrationSummary summary = MigrationSummary.between(source.describe(), targetName)
                    .ended(end.outcome(), end.message(), end.report())
                    .dryRun(options.dryRun())
                    .counts(run.counts())
                    .rejects(rejects.countThisRun(), rejects.dir())
                    .times(run.elapsed(), run.verificationTime())
                    .checkpoint(options.dryRun() ? null : folders.checkpointFile())
                    .build();
            long events = summary.events().read() + summary.resumedEvents();
            listener.progressed(new MigrationProgress(MigrationProgress.Phase.DONE, 0, 0, events, events,
                    summary.rejected(), summary.elapsed()));
            return summary;
        }
    }

    /**
     * Where a migration between these two stores keeps its progress under this migrator's options (the
     * {@code --checkpoint} file, or one derived from the two stores' names).
     */
    public Path checkpointFile(StoreOpener from, StoreOpener to) {
        return WorkFolders.of(options, from.name(), to.name()).checkpointFile();
    }

    /** Opens the target, waiting for it within the retry budget while it is unreachable. */
    private MonitorStore openWaiting(StoreOpener to) {
        try {
            return new Retrier(options.retry(), listener, "the target")
                    .call(() -> to.open(ReadProblemListener.NONE));
        } catch (Retrier.StoreStillUnavailableException e) {
            throw (StoreUnavailableException) e.getCause();
        }
    }

    /** How a run ended: its outcome, a sentence for people, and the verification if it ran. */
    private record Ending(Outcome outcome, String message, VerificationReport report) {
    }

    private Ending runToTheEnd(MigrationRun run, String sourceName, String targetName, RejectsFolder rejects,
                               WorkFolders folders) {
        String resume = " Progress is saved in " + folders.checkpointFile()
                + "; run the same command again to go on where it stopped.";
        try {
            VerificationReport report = run.run();
            long rejected = rejects.countThisRun();
            if (report != null && !report.passed()) {
                return new Ending(Outcome.VERIFICATION_FAILED, "Verification found " + report.totalDifferences()
                        + " difference(s) between " + sourceName + " and " + targetName + ".", report);
            }
            if (rejected > 0) {
                return new Ending(Outcome.COMPLETED_WITH_REJECTS, "Done, with " + rejected
                        + " rejected record(s) kept in " + rejects.dir() + ".", report);
            }
            return new Ending(Outcome.COMPLETED,
                    options.dryRun() ? "Dry run done: every record reads and validates." : "Done.", report);
        } catch (RunTally.RejectLimitReachedException e) {
            return new Ending(Outcome.STOPPED_AT_REJECT_LIMIT, "Stopped: " + e.getMessage() + " (see "
                    + rejects.dir() + ")." + resume, null);
        } catch (Retrier.StoreStillUnavailableException e) {
            return new Ending(Outcome.STOPPED_TARGET_UNAVAILABLE, "Stopped: " + e.getMessage() + "." + resume, null);
        } catch (OutOfMemoryError e) {
            // what the failed step held is garbage now: enough is left to save the summary and say what to do
            return new Ending(Outcome.STOPPED_OUT_OF_MEMORY, "Stopped: " + HeapExhausted.advice() + "."
                    + (options.dryRun() ? "" : resume), null);
        } catch (RuntimeException e) {
            LOG.error("migration failed", e);
            return new Ending(Outcome.FAILED, "Failed: " + e.getMessage() + "."
                    + (options.dryRun() ? "" : resume), null);
        }
    }

    /**
     * Checks that the target holds every record of the source, equal (containment: what the target holds beyond it
     * is information); each store a configuration file or a directory holding a file store.
     */
    public static VerificationReport verify(Path from, Path to, RefusedRecords expectedMissing) {
        return verify(from, to, expectedMissing, VerificationMode.CONTAINMENT);
    }

    /** Compares two stores, each a configuration file or a directory holding a file store, in the given mode. */
    public static VerificationReport verify(Path from, Path to, RefusedRecords expectedMissing,
                                            VerificationMode mode) {
        try (MonitorStore source = StoreOpener.at(from).openForReading(ReadProblemListener.NONE);
             MonitorStore target = StoreOpener.at(to).openForReading(ReadProblemListener.NONE)) {
            return new Verifier(expectedMissing, mode, compared -> { }).compare(source, target);
        }
    }

}
