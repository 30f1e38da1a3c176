package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Compares two stores record by record: each session record by the SHA-256 of its canonical JSON, and each
 * session's events by the digests of their canonical JSON, reading both sides' event streams side by side
 * (oldest first), so memory holds ids and digests of sessions but never a whole session's events.
 *
 * <p>A session the source has events but no record for is expected to appear in the target as reconstructed from
 * those events ({@link SessionReconstruction}); records the target refused during the migration (see
 * {@link RefusedRecords}) are expected to be missing. Both are reported apart from real differences.
 */
public final class Verifier {

    /** The most differences a report lists one by one (all are counted). */
    public static final int MAX_LISTED = 1000;

    private final RefusedRecords refused;
    private final LongConsumer progress;

    /** A verifier that expects nothing to be missing. */
    public Verifier() {
        this(RefusedRecords.none());
    }

    /** A verifier that expects these refused records to be missing from the target. */
    public Verifier(RefusedRecords refused) {
        this(refused, compared -> { });
    }

    /**
     * A verifier that expects these refused records to be missing from the target and tells {@code progress} how
     * many source events it has compared, after each session.
     */
    public Verifier(RefusedRecords refused, LongConsumer progress) {
        this.refused = refused;
        this.progress = progress;
    }

    /** Compares every record of {@code source} with {@code target}. */
    public VerificationReport compare(MonitorStore source, MonitorStore target) {
        Findings f = new Findings();
        Map<String, String> sourceSessions = new HashMap<>();
        try (Stream<SessionMeta> s = source.streamSessions()) {
            s.forEach(m -> sourceSessions.put(m.sessionId(), digest(m)));
        }
        f.sessionsCompared = sourceSessions.size();
        Map<String, String> targetOnly = new LinkedHashMap<>();
        try (Stream<SessionMeta> s = target.streamSessions()) {
            s.forEach(m -> {
                String mine = digest(m);
                String theirs = sourceSessions.remove(m.sessionId());
                if (theirs == null) {
                    targetOnly.put(m.sessionId(), mine);
                } else if (!theirs.equals(mine)) {
                    f.add(Difference.Kind.SESSION_DIFFERS, m.sessionId(), null,
                            "source sha256 " + theirs + ", target sha256 " + mine);
                }
            });
        }
        for (String id : new TreeSet<>(sourceSessions.keySet())) {
            if (refused.sessionRefused(id)) {
                f.refused++;
            } else {
                f.add(Difference.Kind.SESSION_MISSING, id, null, "");
            }
        }
        Set<String> sourceEventSessions = ids(source.streamEventSessionIds());
        Set<String> allEventSessions = new TreeSet<>(sourceEventSessions);
        allEventSessions.addAll(ids(target.streamEventSessionIds()));
        for (String id : allEventSessions) {
            compareEvents(source, target, id, f);
            progress.accept(f.eventsCompared);
        }
        for (Map.Entry<String, String> t : targetOnly.entrySet()) {
            String id = t.getKey();
            if (!sourceEventSessions.contains(id)) {
                f.add(Difference.Kind.SESSION_EXTRA, id, null, "");
                continue;
            }
            String expected = reconstruct(source, id);
            if (t.getValue().equals(expected)) {
                f.reconstructed.add(id);
            } else {
                f.add(Difference.Kind.SESSION_DIFFERS, id, null, "the source has no record; reconstructed from its "
                        + "events it would be sha256 " + expected + ", the target holds sha256 " + t.getValue());
            }
        }
        return new VerificationReport(f.sessionsCompared, f.eventsCompared, f.counts, f.listed,
                f.countMismatches, f.reconstructed, f.refused);
    }

    private void compareEvents(MonitorStore source, MonitorStore target, String sessionId, Findings f) {
        try (Stream<MonitorEvent> s = source.streamEvents(sessionId);
             Stream<MonitorEvent> t = target.streamEvents(sessionId)) {
            Peeking left = new Peeking(s.iterator());
            Peeking right = new Peeking(t.iterator());
            long sourceCount = 0;
            long targetCount = 0;
            while (left.peek() != null || right.peek() != null) {
                long ts = Math.min(left.peek() == null ? Long.MAX_VALUE : left.peek().timestamp(),
                        right.peek() == null ? Long.MAX_VALUE : right.peek().timestamp());
                int before = left.taken;
                Map<String, Seen> mine = left.groupAt(ts);
                f.eventsCompared += left.taken - before;
                Map<String, Seen> theirs = right.groupAt(ts);
                sourceCount += mine.size();
                targetCount += theirs.size();
                for (Map.Entry<String, Seen> e : mine.entrySet()) {
                    Seen other = theirs.remove(e.getKey());
                    if (other == null) {
                        String own = e.getValue().sessionId();
                        if (refused.eventRefused(own, e.getKey()) || refused.sessionRefused(own)) {
                            f.refused++;
                        } else {
                            f.add(Difference.Kind.EVENT_MISSING, sessionId, e.getKey(), "timestamp " + ts);
                        }
                    } else if (!other.digests().equals(e.getValue().digests())) {
                        f.add(Difference.Kind.EVENT_DIFFERS, sessionId, e.getKey(),
                                "source sha256 " + e.getValue().digests() + ", target sha256 " + other.digests());
                    }
                }
                for (String extra : theirs.keySet()) {
                    f.add(Difference.Kind.EVENT_EXTRA, sessionId, extra, "timestamp " + ts);
                }
            }
            if (sourceCount != targetCount && f.countMismatches.size() < MAX_LISTED) {
                f.countMismatches.add(new EventCountMismatch(sessionId, sourceCount, targetCount));
            }
        }
    }

    private static String reconstruct(MonitorStore source, String sessionId) {
        SessionReconstruction r = new SessionReconstruction();
        try (Stream<MonitorEvent> s = source.streamEvents(sessionId)) {
            s.forEach(r::accept);
        }
        return r.result().map(Verifier::digest).orElse("(no readable event)");
    }

    private static Set<String> ids(Stream<String> stream) {
        try (stream) {
            Set<String> ids = new HashSet<>();
            stream.forEach(ids::add);
            return ids;
        }
    }

    static String digest(SessionMeta m) {
        return CanonicalJson.sha256(MonitorJson.toJson(m));
    }

    static String digest(MonitorEvent e) {
        return CanonicalJson.sha256(MonitorJson.toJson(e));
    }

    /** An event iterator that can look one ahead and take all events of one timestamp. */
    private static final class Peeking {
        private final Iterator<MonitorEvent> it;
        private MonitorEvent next;
        private int taken;

        Peeking(Iterator<MonitorEvent> it) {
            this.it = it;
            this.next = it.hasNext() ? it.next() : null;
        }

        MonitorEvent peek() {
            return next;
        }

        /** The events with this timestamp at the head of the stream, by event id. */
        Map<String, Seen> groupAt(long ts) {
            Map<String, Seen> group = new LinkedHashMap<>();
            while (next != null && next.timestamp() == ts) {
                MonitorEvent e = next;
                group.computeIfAbsent(e.id(), k -> new Seen(e.sessionId(), new LinkedHashSet<>())).digests()
                        .add(digest(e));
                taken++;
                next = it.hasNext() ? it.next() : null;
            }
            return group;
        }
    }

    /** The session id an event carries and the digests of the versions seen of it. */
    private record Seen(String sessionId, Set<String> digests) {
    }

    private static final class Findings {
        final Map<Difference.Kind, Long> counts = new EnumMap<>(Difference.Kind.class);
        final List<Difference> listed = new ArrayList<>();
        final List<String> reconstructed = new ArrayList<>();
        final List<EventCountMismatch> countMismatches = new ArrayList<>();
        long sessionsCompared;
        long eventsCompared;
        long refused;

        void add(Difference.Kind kind, String sessionId, String eventId, String detail) {
            counts.merge(kind, 1L, Long::sum);
            if (listed.size() < MAX_LISTED) {
                listed.add(new Difference(kind, sessionId, eventId, detail));
            }
        }
    }
}
