package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * One run of a migration between two open stores, in phases: session records (parents before children), each
 * session's events in batches, then the verification. Ends early by throwing: {@link
 * RunTally.RejectLimitReachedException}, {@link Retrier.StoreStillUnavailableException}, or any other failure.
 */
final class MigrationRun {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRun.class);

    private final MonitorStore source;
    private final MonitorStore target;
    private final MigrationOptions options;
    private final RejectsFolder rejects;
    private final Checkpoint checkpoint;
    private final CarriedRecords carried;
    private final RunTally tally;
    private final Retrier retrier;
    /** What the copy sent of each session, summed as the target's fingerprints, when the run verifies. */
    private final SentFingerprints sent;
    private Duration verificationTime = Duration.ZERO;

    MigrationRun(MonitorStore source, MonitorStore target, MigrationOptions options, MigrationListener listener,
                 RejectsFolder rejects, Checkpoint checkpoint, CarriedRecords carried) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.rejects = rejects;
        this.checkpoint = checkpoint;
        this.carried = carried;
        this.tally = new RunTally(listener, rejects, options.maxRejects());
        this.retrier = new Retrier(options.retry(), listener, "the target");
        this.sent = options.verify() && !options.dryRun()
                ? target.eventFingerprints().map(SentFingerprints::summedBy).orElse(SentFingerprints.none())
                : SentFingerprints.none();
    }

    /**
     * Turns a problem the source met into a reject, except a missing {@code meta.json}: nothing is lost there, the
     * session is reconstructed from its events (and counted as such).
     */
    void onReadProblem(ReadProblem p) {
        if (isAbsentFile(p)) {
            LOG.info("{}", p.describe());
            return;
        }
        Reject.RecordType type = p.location().endsWith("meta.json") ? Reject.RecordType.SESSION
                : p.line() > 0 ? Reject.RecordType.EVENT : Reject.RecordType.UNKNOWN;
        tally.reject(Reject.unreadable(p, type));
    }

    private static boolean isAbsentFile(ReadProblem p) {
        if (p.content().length > 0 || p.line() > 0) {
            return false;
        }
        try {
            return p.location().endsWith("meta.json") && Files.notExists(Path.of(p.location()));
        } catch (InvalidPathException notAPath) {
            return false;
        }
    }

    /**
     * Runs the phases: the session records, then the events, then the verification. Copying, the records go on a
     * thread of their own ahead of the events ({@link RecordsAhead}), each session's events waiting for its record;
     * a dry run validates them one phase after the other. Returns the verification report, or {@code null} when not
     * verifying.
     */
    VerificationReport run() {
        tally.eventsInSource(progressTotal());
        tally.progress();
        SessionCopier sessions = new SessionCopier(source, target, options.dryRun(), retrier, tally, carried);
        List<String> withRecord = sessions.readOrder();
        try {
            if (options.dryRun()) {
                sessions.copyAll(withRecord);
                events(sessions, null).copyAll(withRecord);
            } else {
                try (RecordsAhead records = RecordsAhead.start(sessions, withRecord)) {
                    events(sessions, records).copyAll(withRecord);
                    records.finish();
                }
            }
        } finally {
            if (carried != null) {
                carried.save(); // what the target confirmed, also when the run stops early
            }
        }
        return options.dryRun() || !options.verify() ? null : verify();
    }

    private EventCopier events(SessionCopier sessions, RecordsAhead records) {
        return new EventCopier(source, target, options, checkpoint, retrier, tally, sessions, records, sent);
    }

    /**
     * The source's event count for progress, counted beside the session phase (a file store reads every events file
     * for it), so that the copying does not wait for it.
     */
    private Future<Long> progressTotal() {
        FutureTask<Long> count = new FutureTask<>(source::approximateEventCount);
        Thread counting = new Thread(count, "progress-total");
        counting.setDaemon(true);
        counting.start();
        return count;
    }

    /** The verification phase: the target holds every record of the source, equal. */
    private VerificationReport verify() {
        tally.startVerifying();
        long start = System.nanoTime();
        try {
            // read-only, so a lost connection reruns the whole comparison, within the same retry budget
            return retrier.call(() -> new Verifier(rejects.refusedRecords(), VerificationMode.CONTAINMENT,
                    tally::verified, carried == null ? (id, digest) -> false : carried::carriedAsIs, sent)
                    .compare(source, target));
        } finally {
            verificationTime = Duration.ofNanos(System.nanoTime() - start);
        }
    }

    Duration elapsed() {
        return tally.elapsed();
    }

    Duration verificationTime() {
        return verificationTime;
    }

    /** The run's counters now. */
    RunTally.Snapshot counts() {
        return tally.snapshot();
    }
}
