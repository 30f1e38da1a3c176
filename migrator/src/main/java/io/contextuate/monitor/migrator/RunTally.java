package io.contextuate.monitor.migrator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The counters of one run, and what follows from them: rejects are kept and counted here, the reject limit is
 * enforced here, and progress snapshots are built and sent from here. Used from the migrating thread only.
 */
final class RunTally {

    private static final Logger LOG = LoggerFactory.getLogger(RunTally.class);

    private final MigrationListener listener;
    private final RejectsFolder rejects;
    private final long maxRejects;
    private final long started = System.nanoTime();

    MigrationProgress.Phase phase = MigrationProgress.Phase.SESSIONS;
    long sessionsDone;
    long sessionsTotal;
    long eventsTotal;

    long sessionsRead;
    long sessionsWritten;
    long sessionsPresent;
    long sessionsRejected;
    long reconstructed;
    /** The first {@link Verifier#MAX_LISTED} reconstructed sessions. */
    final List<String> reconstructedIds = new ArrayList<>();
    long eventsRead;
    long eventsWritten;
    long eventsPresent;
    long eventsRejected;
    long resumedSessions;
    long resumedEvents;

    RunTally(MigrationListener listener, RejectsFolder rejects, long maxRejects) {
        this.listener = listener;
        this.rejects = rejects;
        this.maxRejects = maxRejects;
    }

    /** Keeps a reject (once per run) and tells the listener. */
    void reject(Reject r) {
        if (!rejects.add(r)) {
            return;
        }
        if (r.record() == Reject.RecordType.SESSION) {
            sessionsRejected++;
        } else {
            eventsRejected++;
        }
        LOG.info("rejected {}", r.describe());
        listener.rejected(r);
    }

    /** Counts a session reconstructed from its events. */
    void reconstructed(String sessionId) {
        reconstructed++;
        if (reconstructedIds.size() < Verifier.MAX_LISTED) {
            reconstructedIds.add(sessionId);
        }
    }

    /** @throws RejectLimitReachedException once the run has as many rejects as its limit allows */
    void checkRejectLimit() {
        if (maxRejects > 0 && rejects.countThisRun() >= maxRejects) {
            throw new RejectLimitReachedException(rejects.countThisRun());
        }
    }

    /** Sends a snapshot of the current phase. */
    void progress() {
        listener.progressed(new MigrationProgress(phase, sessionsDone, sessionsTotal, eventsRead + resumedEvents,
                eventsTotal, rejects.countThisRun(), elapsed()));
    }

    /** Sends a snapshot of the verification: {@code compared} of the events read. */
    void verified(long compared) {
        listener.progressed(new MigrationProgress(MigrationProgress.Phase.VERIFYING, 0, 0, compared,
                eventsRead + resumedEvents, rejects.countThisRun(), elapsed()));
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    RecordCounts sessionCounts() {
        return new RecordCounts(sessionsRead, sessionsWritten, sessionsPresent, sessionsRejected);
    }

    RecordCounts eventCounts() {
        return new RecordCounts(eventsRead, eventsWritten, eventsPresent, eventsRejected);
    }

    /** The run met its reject limit. */
    static final class RejectLimitReachedException extends RuntimeException {
        RejectLimitReachedException(long rejects) {
            super(rejects + " records were rejected, the limit set with --max-rejects");
        }
    }
}
