package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The event phase: streams each session's events into batches, skipping sessions the checkpoint says an earlier run
 * completed. A session without a record in the source first gets one reconstructed from its events. The target saves
 * each batch while the next is collected ({@link EventBatcher#savingBehind}); once every event of a session is saved
 * (or rejected), the session goes into the checkpoint. A session's events wait for its record ({@link RecordsAhead}).
 *
 * <p>The work is shared by {@value #LANES} lanes, each a thread with a batcher (and so a writer) of its own, that
 * take the next session not yet taken whenever they finish one: the target saves two batches at once (a database
 * uses a core for each), and a long session keeps one lane busy while the other goes through the short ones. A
 * session's events all go through one lane, in order, so its save order is its order in the source. The first
 * failure of a lane stops the others and is thrown by {@link #copyAll}.
 */
final class EventCopier {

    private static final Logger LOG = LoggerFactory.getLogger(EventCopier.class);
    /** Sessions copied at once: two keep a two-core database server busy while the client reads. */
    private static final int LANES = 2;

    private final MonitorStore source;
    private final MonitorStore target;
    private final MigrationOptions options;
    private final Checkpoint checkpoint;
    private final Retrier retrier;
    private final RunTally tally;
    private final SessionCopier sessions;
    /** The session records being copied ahead; {@code null} in a dry run, where they were validated before. */
    private final RecordsAhead records;
    /** The fingerprints of what each session sent, for the run's verification. */
    private final SentFingerprints sent;
    /** The first failure of any lane; the other lanes stop when they see one. */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Sessions with a record in the source. */
    private Set<String> recorded = Set.of();
    /** The sessions no lane has taken yet; guarded by {@code this}. */
    private Iterator<String> untaken = Collections.emptyIterator();

    EventCopier(MonitorStore source, MonitorStore target, MigrationOptions options, Checkpoint checkpoint,
                Retrier retrier, RunTally tally, SessionCopier sessions, RecordsAhead records,
                SentFingerprints sent) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.checkpoint = checkpoint;
        this.retrier = retrier;
        this.tally = tally;
        this.sessions = sessions;
        this.records = records;
        this.sent = sent;
    }

    /** Copies the events of every session that has any; {@code withRecord} are the sessions with a record. */
    void copyAll(List<String> withRecord) {
        recorded = new HashSet<>(withRecord);
        List<String> ids = new ArrayList<>();
        try (Stream<String> s = source.streamEventSessionIds()) {
            s.forEach(ids::add);
        }
        tally.startPhase(MigrationProgress.Phase.EVENTS, ids.size());
        synchronized (this) {
            untaken = ids.iterator();
        }
        List<Thread> running = new ArrayList<>();
        for (int i = 1; i <= LANES; i++) {
            Thread t = new Thread(new Lane()::run, "migration-lane-" + i);
            t.setDaemon(true);
            t.start();
            running.add(t);
        }
        awaitAll(running);
        Throwable failed = failure.get();
        if (failed instanceof Error e) {
            throw e;
        }
        if (failed != null) {
            throw (RuntimeException) failed;
        }
        tally.progress();
    }

    /** Waits for every lane to end, also when interrupted (they use the stores, which the caller closes next). */
    private void awaitAll(List<Thread> lanes) {
        boolean interrupted = false;
        for (Thread lane : lanes) {
            while (lane.isAlive()) {
                try {
                    lane.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    failure.compareAndSet(null, new IllegalStateException("interrupted while copying events", e));
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next session for a lane, or {@code null} when all are taken or a lane failed. */
    private synchronized String nextSession() {
        return failure.get() == null && untaken.hasNext() ? untaken.next() : null;
    }

    /** Stops this lane when another one failed. */
    private void checkNotStopped() {
        if (failure.get() != null) {
            throw Stopped.INSTANCE;
        }
    }

    /** Gives a session without a record one made from its events, unless the target already holds one. */
    private void reconstruct(String sessionId) {
        SessionReconstruction r = new SessionReconstruction();
        try (Stream<MonitorEvent> s = source.streamEvents(sessionId)) {
            s.forEach(r::accept);
        }
        Optional<SessionMeta> session = r.result();
        if (session.isEmpty()) {
            return;
        }
        if (options.dryRun()) {
            tally.reconstructed(sessionId);
            sessions.validate(session.get());
            return;
        }
        if (retrier.call(() -> target.getSession(sessionId)).isPresent()) {
            LOG.info("session {} has no readable record in the source; the target's record is kept", sessionId);
            tally.sessionPresent();
            return;
        }
        if (sessions.saveReconstructed(sessionId, session.get())) {
            LOG.info("session {} had no readable record; reconstructed it from its events", sessionId);
        }
    }

    private void validate(MonitorEvent e, byte[] line) {
        RoundTrip.problemOf(e, line).ifPresent(problem -> tally.reject(new Reject(Reject.Kind.INVALID,
                source.describe(), 0, e.sessionId(), e.id(), Reject.RecordType.EVENT, problem, line)));
    }

    /**
     * One lane: takes sessions until none is left and copies their events through its batcher (in a dry run it has
     * none, and validates them instead). Its state is its own thread's.
     */
    private final class Lane {
        /** {@code null} in a dry run. */
        private final EventBatcher batcher;
        /** Sessions whose events are all queued in the batcher but not all saved yet, in queue order. */
        private final ArrayDeque<Queued> awaitingSave = new ArrayDeque<>();
        /** Events read and refused, per session of this lane not yet in the checkpoint. */
        private final Map<String, OpenSession> open = new HashMap<>();
        /** What this lane's batches confirmed and the tally has counted. */
        private long writtenCounted;
        private long presentCounted;

        Lane() {
            this.batcher = options.dryRun() ? null : EventBatcher.savingBehind(target, retrier, this::refused,
                    options.batchEvents(), options.batchBytes());
        }

        void run() {
            try {
                for (String id = nextSession(); id != null; id = nextSession()) {
                    copySession(id);
                }
                checkNotStopped();
                if (batcher != null) {
                    batcher.finish();
                    saved();
                }
            } catch (RuntimeException | Error e) {
                if (e != Stopped.INSTANCE) {
                    failure.compareAndSet(null, e);
                }
            } finally {
                if (batcher != null) {
                    batcher.close();
                }
            }
        }

        private void copySession(String id) {
            Optional<SessionTally> done = checkpoint == null ? Optional.empty() : checkpoint.completed(id);
            if (done.isPresent()) {
                tally.resumed(done.get());
            } else {
                if (!recorded.contains(id)) {
                    if (options.rebuildRecords()) {
                        reconstruct(id);
                    }
                } else if (records != null) {
                    records.awaitRecord(id); // a session's record goes before its events
                }
                copy(id);
            }
            tally.sessionDone();
            tally.checkRejectLimit();
        }

        /** Copies a session's events through the batcher, or validates them when there is none (a dry run). */
        private void copy(String sessionId) {
            OpenSession counts = new OpenSession(sent.open());
            open.put(sessionId, counts);
            try (Stream<MonitorEvent> s = ReadAhead.of(source.streamEventsInSaveOrder(sessionId), EventSize::of)) {
                for (Iterator<MonitorEvent> it = s.iterator(); it.hasNext(); ) {
                    checkNotStopped();
                    MonitorEvent e = it.next();
                    counts.read();
                    tally.eventRead();
                    if (batcher == null) {
                        validate(e, MonitorJson.toLine(e));
                    } else {
                        counts.sent(e);
                        if (batcher.add(e, EventSize.of(e))) {
                            saved();
                        }
                    }
                    tally.checkRejectLimit();
                }
            }
            if (batcher == null) {
                open.remove(sessionId);
            } else {
                awaitingSave.add(new Queued(sessionId, batcher.lastBatchQueued()));
            }
        }

        /** After a batch was saved: the sessions whose last batch is saved are complete. */
        private void saved() {
            countSaved();
            while (!awaitingSave.isEmpty() && awaitingSave.peekFirst().lastBatch() <= batcher.saved()) {
                String id = awaitingSave.removeFirst().sessionId();
                OpenSession done = open.remove(id);
                checkpoint.markCompleted(id, done.tally());
                sent.completed(id, done.sum);
            }
            tally.progress();
        }

        private void countSaved() {
            tally.eventsSaved(batcher.written() - writtenCounted, batcher.present() - presentCounted);
            writtenCounted = batcher.written();
            presentCounted = batcher.present();
        }

        private void refused(MonitorEvent e, InvalidRecordException why) {
            OpenSession counts = open.get(e.sessionId());
            if (counts != null) {
                counts.refused();
            }
            countSaved();
            tally.reject(Reject.refusedEvent(target.describe(), e, why.getMessage()));
        }
    }

    /** A session whose events are all queued in its lane, complete once the lane's batch {@code lastBatch} is saved. */
    private record Queued(String sessionId, long lastBatch) {
    }

    /**
     * The events of one session read and refused so far, and the fingerprints of those sent, until the session goes
     * into the checkpoint.
     */
    private static final class OpenSession {
        private final SentFingerprints.Sum sum;
        private long read;
        private long refused;

        OpenSession(SentFingerprints.Sum sum) {
            this.sum = sum;
        }

        void read() {
            read++;
        }

        void sent(MonitorEvent e) {
            sum.sent(e);
        }

        void refused() {
            refused++;
            sum.refused();
        }

        SessionTally tally() {
            return new SessionTally(read, refused);
        }
    }

    /** Ends a lane because another one failed (that failure is the one thrown). */
    private static final class Stopped extends RuntimeException {
        static final Stopped INSTANCE = new Stopped();

        private Stopped() {
            super("another lane failed", null, false, false);
        }
    }
}
