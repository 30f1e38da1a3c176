package io.contextuate.monitor.migrator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters of one run, and what follows from them: rejects are kept and counted here, the reject limit is
 * enforced here, and progress snapshots are built and sent from here. Thread-safe: the lanes of the event phase
 * ({@link EventCopier}) share it, and a progress snapshot is sent under its lock, so listeners hear one at a time.
 */
final class RunTally {

    private static final Logger LOG = LoggerFactory.getLogger(RunTally.class);

    private final MigrationListener listener;
    private final RejectsFolder rejects;
    private final long maxRejects;
    private final long started = System.nanoTime();

    private MigrationProgress.Phase phase = MigrationProgress.Phase.SESSIONS;
    private long sessionsDone;
    private long sessionsTotal;
    /** The source's event count, counted beside the copying; 0 until it is known. */
    private Future<Long> eventsTotal = CompletableFuture.completedFuture(0L);

    private long sessionsRead;
    private long sessionsWritten;
    private long sessionsPresent;
    private long sessionsRejected;
    private long reconstructed;
    /** The first {@link Verifier#MAX_LISTED} reconstructed sessions. */
    private final List<String> reconstructedIds = new ArrayList<>();
    /** Counted once per event by every lane, so kept apart from the lock. */
    private final AtomicLong eventsRead = new AtomicLong();
    private long eventsWritten;
    private long eventsPresent;
    private long eventsRejected;
    private long resumedSessions;
    private long resumedEvents;
    /** Rejects kept this run, readable without the lock: the limit is checked once per event. */
    private volatile int rejectsThisRun;

    RunTally(MigrationListener listener, RejectsFolder rejects, long maxRejects) {
        this.listener = listener;
        this.rejects = rejects;
        this.maxRejects = maxRejects;
    }

    /** Starts a phase that handles {@code sessions} sessions, none done yet. */
    synchronized void startPhase(MigrationProgress.Phase next, long sessions) {
        phase = next;
        sessionsDone = 0;
        sessionsTotal = sessions;
    }

    /** The number of events the source holds, as its statistics count them, once it is known. */
    synchronized void eventsInSource(Future<Long> events) {
        eventsTotal = events;
    }

    /** The source's event count when known, else 0 (a progress total goes without it). */
    private long eventsTotal() {
        if (!eventsTotal.isDone()) {
            return 0;
        }
        try {
            return eventsTotal.get();
        } catch (ExecutionException e) {
            LOG.debug("no progress total: counting the source's events failed", e.getCause());
        } catch (InterruptedException | CancellationException e) {
            // done, so it cannot wait; a cancelled count is no total
        }
        return 0;
    }

    /** The source holds this many session records; the session phase handles each. */
    synchronized void sessionRecordsFound(long records) {
        sessionsRead = records;
        sessionsTotal = records;
    }

    /** One more session of the current phase is handled; the number handled so far. */
    synchronized long sessionDone() {
        return ++sessionsDone;
    }

    /** A session record the target now holds because it was written. */
    synchronized void sessionWritten() {
        sessionsWritten++;
    }

    /** A session record the target already held (unchanged, or with edits of its own). */
    synchronized void sessionPresent() {
        sessionsPresent++;
    }

    /** An event read from the source. */
    void eventRead() {
        eventsRead.incrementAndGet();
    }

    /** More events the target's batches confirmed: new in the target, and already held. */
    synchronized void eventsSaved(long written, long present) {
        eventsWritten += written;
        eventsPresent += present;
    }

    /** A session an earlier run completed, skipped now. */
    synchronized void resumed(SessionTally earlier) {
        resumedSessions++;
        resumedEvents += earlier.read();
    }

    /** Keeps a reject (once per run) and tells the listener. */
    synchronized void reject(Reject r) {
        if (!rejects.add(r)) {
            return;
        }
        rejectsThisRun = rejects.countThisRun();
        if (r.record() == Reject.RecordType.SESSION) {
            sessionsRejected++;
        } else {
            eventsRejected++;
        }
        LOG.info("rejected {}", r.describe());
        listener.rejected(r);
    }

    /** Counts a session reconstructed from its events. */
    synchronized void reconstructed(String sessionId) {
        reconstructed++;
        if (reconstructedIds.size() < Verifier.MAX_LISTED) {
            reconstructedIds.add(sessionId);
        }
    }

    /** @throws RejectLimitReachedException once the run has as many rejects as its limit allows */
    void checkRejectLimit() {
        int rejected = rejectsThisRun;
        if (maxRejects > 0 && rejected >= maxRejects) {
            throw new RejectLimitReachedException(rejected);
        }
    }

    /** Sends a snapshot of the current phase. */
    synchronized void progress() {
        listener.progressed(new MigrationProgress(phase, sessionsDone, sessionsTotal, eventsRead.get() + resumedEvents,
                eventsTotal(), rejects.countThisRun(), elapsed()));
    }

    /** Enters the verification phase and sends its first snapshot. */
    synchronized void startVerifying() {
        phase = MigrationProgress.Phase.VERIFYING;
        verified(0);
    }

    /** Sends a snapshot of the verification: {@code compared} of the events read. */
    synchronized void verified(long compared) {
        listener.progressed(new MigrationProgress(MigrationProgress.Phase.VERIFYING, 0, 0, compared,
                eventsRead.get() + resumedEvents, rejects.countThisRun(), elapsed()));
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    synchronized RecordCounts sessionCounts() {
        return new RecordCounts(sessionsRead, sessionsWritten, sessionsPresent, sessionsRejected);
    }

    synchronized RecordCounts eventCounts() {
        return new RecordCounts(eventsRead.get(), eventsWritten, eventsPresent, eventsRejected);
    }

    /** What the counters say now. */
    synchronized Snapshot snapshot() {
        return new Snapshot(sessionCounts(), eventCounts(), reconstructed, reconstructedIds, resumedSessions,
                resumedEvents);
    }

    /**
     * The counters of a run at one moment.
     *
     * @param sessions         session records
     * @param events           events
     * @param reconstructed    sessions written from their events because the source had no readable record
     * @param reconstructedIds the first of those sessions (at most {@link Verifier#MAX_LISTED})
     * @param resumedSessions  sessions completed by an earlier, interrupted run and skipped now
     * @param resumedEvents    the events of those sessions
     */
    record Snapshot(RecordCounts sessions, RecordCounts events, long reconstructed, List<String> reconstructedIds,
                    long resumedSessions, long resumedEvents) {

        Snapshot {
            reconstructedIds = List.copyOf(reconstructedIds);
        }
    }

    /** The run met its reject limit. */
    static final class RejectLimitReachedException extends RuntimeException {
        RejectLimitReachedException(long rejects) {
            super(rejects + " records were rejected, the limit set with --max-rejects");
        }
    }
}
