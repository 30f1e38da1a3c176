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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The event phase: streams each session's events into batches, session after session, skipping sessions the
 * checkpoint says an earlier run completed. A session without a record in the source first gets one reconstructed
 * from its events. The target saves each batch while the next is collected ({@link EventBatcher#savingBehind});
 * once every event of a session is saved (or rejected), the session goes into the checkpoint.
 */
final class EventCopier {

    private static final Logger LOG = LoggerFactory.getLogger(EventCopier.class);

    private final MonitorStore source;
    private final MonitorStore target;
    private final MigrationOptions options;
    private final Checkpoint checkpoint;
    private final Retrier retrier;
    private final RunTally tally;
    private final SessionCopier sessions;
    private final EventBatcher batcher;

    /** Sessions whose events are all queued but not all saved yet, in the order they were queued. */
    private final ArrayDeque<Queued> awaitingSave = new ArrayDeque<>();
    /** Events read and refused, per session not yet in the checkpoint. */
    private final Map<String, OpenSession> open = new HashMap<>();

    EventCopier(MonitorStore source, MonitorStore target, MigrationOptions options, Checkpoint checkpoint,
                Retrier retrier, RunTally tally, SessionCopier sessions) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.checkpoint = checkpoint;
        this.retrier = retrier;
        this.tally = tally;
        this.sessions = sessions;
        this.batcher = options.dryRun() ? null : EventBatcher.savingBehind(target, retrier, this::refused,
                options.batchEvents(), options.batchBytes());
    }

    /** Copies the events of every session that has any; {@code withRecord} are the sessions with a record. */
    void copyAll(List<String> withRecord) {
        try {
            copyEach(withRecord);
        } finally {
            if (batcher != null) {
                batcher.close();
            }
        }
    }

    private void copyEach(List<String> withRecord) {
        Set<String> recorded = new HashSet<>(withRecord);
        List<String> ids = new ArrayList<>();
        try (Stream<String> s = source.streamEventSessionIds()) {
            s.forEach(ids::add);
        }
        tally.startPhase(MigrationProgress.Phase.EVENTS, ids.size());
        for (String id : ids) {
            Optional<SessionTally> done = checkpoint == null ? Optional.empty() : checkpoint.completed(id);
            if (done.isPresent()) {
                tally.resumed(done.get());
            } else {
                if (!recorded.contains(id) && options.rebuildRecords()) {
                    reconstruct(id);
                }
                copy(id);
            }
            tally.sessionDone();
            tally.checkRejectLimit();
        }
        if (batcher != null) {
            batcher.finish();
            saved();
        }
        tally.progress();
    }

    private void copy(String sessionId) {
        OpenSession counts = new OpenSession();
        open.put(sessionId, counts);
        try (Stream<MonitorEvent> s = ReadAhead.of(source.streamEventsInSaveOrder(sessionId), EventSize::of)) {
            for (Iterator<MonitorEvent> it = s.iterator(); it.hasNext(); ) {
                MonitorEvent e = it.next();
                counts.read();
                tally.eventRead();
                if (batcher == null) {
                    validate(e, MonitorJson.toLine(e));
                } else if (batcher.add(e, EventSize.of(e))) {
                    saved();
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
        tally.eventsSaved(batcher.written(), batcher.present());
        while (!awaitingSave.isEmpty() && awaitingSave.peekFirst().lastBatch() <= batcher.saved()) {
            String id = awaitingSave.removeFirst().sessionId();
            checkpoint.markCompleted(id, open.remove(id).tally());
        }
        tally.progress();
    }

    private void refused(MonitorEvent e, InvalidRecordException why) {
        OpenSession counts = open.get(e.sessionId());
        if (counts != null) {
            counts.refused();
        }
        tally.eventsSaved(batcher.written(), batcher.present());
        tally.reject(Reject.refusedEvent(target.describe(), e, why.getMessage()));
    }

    private void validate(MonitorEvent e, byte[] line) {
        RoundTrip.problemOf(e, line).ifPresent(problem -> tally.reject(new Reject(Reject.Kind.INVALID,
                source.describe(), 0, e.sessionId(), e.id(), Reject.RecordType.EVENT, problem, line)));
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

    /** A session whose events are all queued, complete once batch {@code lastBatch} is saved. */
    private record Queued(String sessionId, long lastBatch) {
    }

    /** The events of one session read and refused so far, until the session goes into the checkpoint. */
    private static final class OpenSession {
        private long read;
        private long refused;

        void read() {
            read++;
        }

        void refused() {
            refused++;
        }

        SessionTally tally() {
            return new SessionTally(read, refused);
        }
    }
}
