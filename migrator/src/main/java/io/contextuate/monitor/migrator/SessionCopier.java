package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The session phase: reads the ids and parent ids of every session record, then copies the records parents first.
 * A record the target already holds unchanged is counted as present; one it refuses becomes a reject. A record the
 * source did not change since it was last carried ({@link CarriedRecords}) is left as the target holds it, so that
 * edits made in the target survive.
 */
final class SessionCopier {

    private static final Logger LOG = LoggerFactory.getLogger(SessionCopier.class);

    private final MonitorStore source;
    private final MonitorStore target;
    private final boolean dryRun;
    private final Retrier retrier;
    private final RunTally tally;
    private final CarriedRecords carried;

    /** @param carried what was carried before; {@code null} in a dry run */
    SessionCopier(MonitorStore source, MonitorStore target, boolean dryRun, Retrier retrier, RunTally tally,
                  CarriedRecords carried) {
        this.source = source;
        this.target = target;
        this.dryRun = dryRun;
        this.retrier = retrier;
        this.tally = tally;
        this.carried = carried;
    }

    /** The ids of every session record in the source, each parent before its children. */
    List<String> readOrder() {
        SessionOrder order = new SessionOrder();
        try (Stream<SessionMeta> s = source.streamSessions()) {
            s.forEach(m -> order.add(m.sessionId(), m.parentSessionId()));
        }
        tally.sessionRecordsFound(order.size());
        return order.parentsFirst();
    }

    /** Copies (in a dry run: validates) the records, in the given order, reporting progress as the session phase. */
    void copyAll(List<String> order) {
        for (String id : order) {
            copy(id);
            if (tally.sessionDone() % 100 == 0) {
                tally.progress();
            }
        }
    }

    /** Copies (in a dry run: validates) the record of one session, then checks the reject limit. */
    void copy(String id) {
        Optional<SessionMeta> found = source.getSession(id);
        if (found.isEmpty()) {
            LOG.warn("session {} vanished from the source while migrating", id);
        } else if (dryRun) {
            validate(found.get());
        } else {
            save(found.get(), "");
        }
        tally.checkRejectLimit();
    }

    /**
     * Saves a record unless the target holds it unchanged, or holds a record for it and the source did not change it
     * since it was last carried (the target's record may carry edits of its own).
     *
     * @param origin added to the location of a reject, to say where the record came from
     * @return whether the target now holds the record (or its own edit of it)
     */
    boolean save(SessionMeta session, String origin) {
        Stored stored = store(session, origin);
        if (stored == Stored.WRITTEN) {
            tally.sessionWritten();
        } else if (stored == Stored.HELD) {
            tally.sessionPresent();
        }
        return stored != Stored.REFUSED;
    }

    /**
     * Saves a record rebuilt from the events of its session as {@link #save} does, counted as reconstructed rather
     * than written.
     *
     * @param sessionId the session whose events it was rebuilt from
     *
     * @return whether the target now holds the record (or its own edit of it)
     */
    boolean saveReconstructed(String sessionId, SessionMeta session) {
        Stored stored = store(session, " (reconstructed from the events of session " + sessionId + ")");
        if (stored == Stored.HELD) {
            tally.sessionPresent();
        }
        if (stored != Stored.REFUSED) {
            tally.reconstructed(sessionId);
        }
        return stored != Stored.REFUSED;
    }

    /** What became of a record given to the target. */
    private enum Stored { WRITTEN, HELD, REFUSED }

    private Stored store(SessionMeta session, String origin) {
        Optional<SessionMeta> held = retrier.call(() -> target.getSession(session.sessionId()));
        if (held.isPresent() && carried != null && carried.unchanged(session)) {
            return Stored.HELD;
        }
        if (held.isPresent() && CanonicalJson.equal(MonitorJson.toJson(held.get()), MonitorJson.toJson(session))) {
            carried(session);
            return Stored.HELD;
        }
        try {
            retrier.run(() -> target.saveSession(session));
            carried(session);
            return Stored.WRITTEN;
        } catch (InvalidRecordException e) {
            // upstream's own form (JSON.stringify(session, null, 2)): for a record read from a meta.json, its bytes
            tally.reject(new Reject(Reject.Kind.REFUSED, target.describe() + origin, 0, session.sessionId(),
                    session.sessionId(), Reject.RecordType.SESSION, e.getMessage(),
                    MonitorJson.toUpstreamPretty(MonitorJson.toJson(session))));
            return Stored.REFUSED;
        }
    }

    private void carried(SessionMeta session) {
        if (carried != null) {
            carried.carried(session);
        }
    }

    /** Rejects the record as invalid unless it survives a JSON round trip. */
    void validate(SessionMeta session) {
        byte[] json = MonitorJson.toBytes(MonitorJson.toJson(session));
        RoundTrip.problemOf(session, json).ifPresent(problem -> tally.reject(new Reject(Reject.Kind.INVALID,
                source.describe(), 0, session.sessionId(), session.sessionId(), Reject.RecordType.SESSION, problem,
                json)));
    }
}
