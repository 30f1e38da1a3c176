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
 *
 * <p>Sessions take turns between {@value #LANES} lanes, each a batcher with a writer of its own, so that the target
 * saves two batches at once (a database uses a core for each): a session's events all go through one lane, in
 * order, so its save order is its order in the source.
 */
final class EventCopier {

    private static final Logger LOG = LoggerFactory.getLogger(EventCopier.class);
    /** Batches saved at once: two keeps a two-core database server busy while the client reads. */
    private static final int LANES = 2;

    private final MonitorStore source;
    private final MonitorStore target;
    private final MigrationOptions options;
    private final Checkpoint checkpoint;
    private final Retrier retrier;
    private final RunTally tally;
    private final SessionCopier sessions;
    /** Empty in a dry run. */
    private final List<Lane> lanes = new ArrayList<>();
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
        for (int i = 0; !options.dryRun() && i < LANES; i++) {
            lanes.add(new Lane(EventBatcher.savingBehind(target, retrier, this::refused, options.batchEvents(),
                    options.batchBytes())));
        }
    }

    /** Copies the events of every session that has any; {@code withRecord} are the sessions with a record. */
    void copyAll(List<String> withRecord) {
        try {
            copyEach(withRecord);
        } finally {
            lanes.forEach(lane -> lane.batcher().close());
        }
    }

    private void copyEach(List<String> withRecord) {
        Set<String> recorded = new HashSet<>(withRecord);
        List<String> ids = new ArrayList<>();
        try (Stream<String> s = source.streamEventSessionIds()) {
            s.forEach(ids::add);
        }
        tally.startPhase(MigrationProgress.Phase.EVENTS, ids.size());
        int turn = 0;
        for (String id : ids) {
            Optional<SessionTally> done = checkpoint == null ? Optional.empty() : checkpoint.completed(id);
            if (done.isPresent()) {
                tally.resumed(done.get());
            } else {
                if (!recorded.contains(id) && options.rebuildRecords()) {
                    reconstruct(id);
                }
                copy(id, lanes.isEmpty() ? null : lanes.get(turn++ % lanes.size()));
            }
            tally.sessionDone();
            tally.checkRejectLimit();
        }
        if (!lanes.isEmpty()) {
            lanes.forEach(lane -> lane.batcher().flush()); // every lane's last batch saving at once
            lanes.forEach(lane -> lane.batcher().finish());
            saved();
        }
        tally.progress();
    }

    /** Copies a session's events through a lane, or validates them when there is none (a dry run). */
    private void copy(String sessionId, Lane lane) {
        OpenSession counts = new OpenSession();
        open.put(sessionId, counts);
        try (Stream<MonitorEvent> s = ReadAhead.of(source.streamEventsInSaveOrder(sessionId), EventSize::of)) {
            for (Iterator<MonitorEvent> it = s.iterator(); it.hasNext(); ) {
                MonitorEvent e = it.next();
                counts.read();
                tally.eventRead();
                if (lane == null) {
                    validate(e, MonitorJson.toLine(e));
                } else if (lane.batcher().add(e, EventSize.of(e))) {
                    saved();
                }
                tally.checkRejectLimit();
            }
        }
        if (lane == null) {
            open.remove(sessionId);
        } else {
            lane.awaitingSave().add(new Queued(sessionId, lane.batcher().lastBatchQueued()));
        }
    }

    /** After a batch was saved: the sessions whose last batch is saved are complete. */
    private void saved() {
        countSaved();
        for (Lane lane : lanes) {
            ArrayDeque<Queued> queued = lane.awaitingSave();
            while (!queued.isEmpty() && queued.peekFirst().lastBatch() <= lane.batcher().saved()) {
                String id = queued.removeFirst().sessionId();
                checkpoint.markCompleted(id, open.remove(id).tally());
            }
        }
        tally.progress();
    }

    private void countSaved() {
        long written = 0;
        long present = 0;
        for (Lane lane : lanes) {
            written += lane.batcher().written();
            present += lane.batcher().present();
        }
        tally.eventsSaved(written, present);
    }

    private void refused(MonitorEvent e, InvalidRecordException why) {
        OpenSession counts = open.get(e.sessionId());
        if (counts != null) {
            counts.refused();
        }
        countSaved();
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

    /** A batcher, and the sessions whose events are all queued in it but not all saved yet, in queue order. */
    private record Lane(EventBatcher batcher, ArrayDeque<Queued> awaitingSave) {
        Lane(EventBatcher batcher) {
            this(batcher, new ArrayDeque<>());
        }
    }

    /** A session whose events are all queued in its lane, complete once the lane's batch {@code lastBatch} is saved. */
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
