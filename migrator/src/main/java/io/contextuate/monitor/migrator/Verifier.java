package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.EventFingerprints;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreException;
import io.contextuate.monitor.spi.StoreUnavailableException;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Compares two stores record by record: each session record by the SHA-256 of its canonical JSON, and each
 * session's events by the checksums of their canonical JSON. Both stores' event streams are read at the same time,
 * each on its own threads ({@link EventDigests}), and compared side by side (oldest first), so memory holds ids and
 * digests of sessions but never a whole session's events. Where the target sums fingerprints of the events it holds
 * ({@link MonitorStore#eventFingerprints()}), each session's sum is compared first with the sum of the ones it would
 * hold for the source's events ({@link SessionFingerprints}), and a session is compared by checksums only where they
 * differ. Within a migration, the sums of what the copy sent ({@link SentFingerprints}) stand in for the source's
 * events of the sessions it copied whole, which are then not read again.
 *
 * <p>By default ({@link VerificationMode#CONTAINMENT}) the target passes when it holds every record of the source,
 * equal; what it holds beyond that is counted as information. {@link VerificationMode#EXACT} also counts that as
 * differences. A session the source has events but no record for is expected to hold, in the target, either the
 * record rebuilt from those events ({@link SessionReconstruction}) or a record of the target's own (which the
 * migrator never replaces): neither is a difference, and the target's own record is never compared with a rebuilt
 * one. Records the target refused during the migration (see {@link RefusedRecords}) are expected to be missing.
 * Both are reported apart from real differences.
 */
final class Verifier {

    private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);

    /** The most differences a report lists one by one (all are counted). */
    static final int MAX_LISTED = VerificationReport.MAX_LISTED;
    /** The fingerprint of a source event the target would refuse: equal to none it computes. */
    private static final String UNSTORABLE = "(not storable)";

    private final RefusedRecords refused;
    private final VerificationMode mode;
    private final LongConsumer progress;
    private final BiPredicate<String, String> carriedAsIs;
    private final SentFingerprints sent;

    /**
     * A verifier that expects these refused records to be missing from the target and tells {@code progress} how
     * many source events it has compared, after each session.
     */
    Verifier(RefusedRecords refused, VerificationMode mode, LongConsumer progress) {
        this(refused, mode, progress, (sessionId, digest) -> false, SentFingerprints.none());
    }

    /**
     * As above; {@code carriedAsIs} tells (session id, digest of the source record) whether that very record was
     * carried to the target before, so that a target record differing from it was edited there since (a label, a
     * pin) and is the target's own to keep, not a difference, when checking containment; {@code sent} holds the
     * summed fingerprints of the sessions the run before copied whole, compared with the target's instead of
     * reading those sessions from the source again.
     */
    Verifier(RefusedRecords refused, VerificationMode mode, LongConsumer progress,
             BiPredicate<String, String> carriedAsIs, SentFingerprints sent) {
        this.refused = refused;
        this.mode = mode;
        this.progress = progress;
        this.carriedAsIs = carriedAsIs;
        this.sent = sent;
    }

    /** Compares every record of {@code source} with {@code target}. */
    VerificationReport compare(MonitorStore source, MonitorStore target) {
        Findings f = new Findings();
        Map<String, String> sourceSessions = new HashMap<>();
        try (Stream<SessionMeta> s = source.streamSessions()) {
            s.forEach(m -> sourceSessions.put(m.sessionId(), digest(m)));
        }
        f.sessionsCompared = sourceSessions.size();
        Set<String> sourceRecords = Set.copyOf(sourceSessions.keySet());
        Map<String, String> targetOnly = new LinkedHashMap<>();
        try (Stream<SessionMeta> s = target.streamSessions()) {
            s.forEach(m -> {
                String mine = digest(m);
                String theirs = sourceSessions.remove(m.sessionId());
                if (theirs == null) {
                    targetOnly.put(m.sessionId(), mine);
                } else if (!theirs.equals(mine) && mode == VerificationMode.CONTAINMENT
                        && carriedAsIs.test(m.sessionId(), theirs)) {
                    f.kept.add(m.sessionId()); // edited in the target since it was carried: the target's own now
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
        Set<String> targetEventSessions = ids(target.streamEventSessionIds());
        Set<String> compared = new TreeSet<>(sourceEventSessions);
        if (mode == VerificationMode.EXACT) {
            compared.addAll(targetEventSessions);
        }
        Set<String> rebuild = new HashSet<>(targetOnly.keySet());
        rebuild.retainAll(sourceEventSessions);
        Map<String, String> rebuilt = compareEvents(source, target, List.copyOf(compared), rebuild, f);
        for (Map.Entry<String, String> t : targetOnly.entrySet()) {
            String id = t.getKey();
            String expected = rebuilt.get(id);
            if (expected == null) {
                f.surplus(Difference.Kind.SESSION_EXTRA, id, null, "");
            } else if (t.getValue().equals(expected)) {
                f.reconstructed.add(id);
            } else {
                f.kept.add(id);
            }
        }
        for (String id : targetEventSessions) {
            if (!sourceEventSessions.contains(id) && !sourceRecords.contains(id) && !targetOnly.containsKey(id)) {
                f.surplusSessions++;
            }
        }
        return new VerificationReport(mode, f.sessionsCompared, f.eventsCompared, f.counts, f.listed,
                f.countMismatches, f.reconstructed, f.kept, f.refused, f.surplusSessions, f.surplusEvents);
    }

    /**
     * Compares the events of the sessions, in this order; the digests of the records rebuilt on the way. Where the
     * target sums fingerprints of what it holds ({@link MonitorStore#eventFingerprints()}), each session's sum is
     * compared with the one over the source's events first (read in the order the source keeps them, unless the copy
     * summed what it sent of the session: {@link SentFingerprints}), and only a session where they differ is compared
     * event by event (it may hold JSON-equal events stored another way).
     */
    private Map<String, String> compareEvents(MonitorStore source, MonitorStore target, List<String> sessionIds,
                                              Set<String> rebuild, Findings f) {
        Optional<EventFingerprints> fingerprints = target.eventFingerprints();
        if (fingerprints.isEmpty()) {
            return compareDigests(source, target, sessionIds, rebuild, f);
        }
        EventFingerprints held = fingerprints.get();
        Map<String, String> rebuilt = new HashMap<>();
        List<String> differing = new ArrayList<>();
        List<String> toRead = sessionIds.stream().filter(id -> sentSum(id, rebuild).isEmpty()).toList();
        try (EventDigests left = EventDigests.inAnyOrder(source, toRead, rebuild, "verify-source",
                e -> fingerprint(held, e));
             SessionFingerprints right = new SessionFingerprints(held, sessionIds, askers(toRead, sessionIds),
                     "verify-target")) {
            for (int i = 0; i < sessionIds.size(); i++) {
                String id = sessionIds.get(i);
                Optional<EventFingerprints.SessionFingerprint> known = sentSum(id, rebuild);
                EventFingerprints.SessionFingerprint sum = known.orElse(EventFingerprints.SessionFingerprint.NONE);
                boolean storable = true;
                String r = null;
                if (known.isEmpty()) {
                    for (EventDigests.Digested e; (e = left.peek()) != null; left.take()) {
                        storable &= !e.digest().equals(UNSTORABLE);
                        sum = storable ? sum.plus(Long.parseUnsignedLong(e.digest(), 16)) : sum;
                    }
                    r = left.endSession();
                }
                EventFingerprints.SessionFingerprint theirs;
                try {
                    theirs = right.take(id);
                } catch (StoreUnavailableException outage) {
                    throw outage; // for the run's retry owner, which compares again once the target is back
                } catch (StoreException e) {
                    // a server that cannot sum (a statement timeout on a huge session, MD5 barred): read the events
                    LOG.warn("The target could not sum the fingerprints of session {} ({}); comparing its events and"
                            + " those of the sessions after it one by one instead", id, e.getMessage());
                    differing.addAll(sessionIds.subList(i, sessionIds.size()));
                    break;
                }
                if (sum.equals(theirs) && storable) {
                    f.eventsCompared += sum.events();
                    if (r != null) {
                        rebuilt.put(id, r);
                    }
                } else {
                    differing.add(id);
                }
                progress.accept(f.eventsCompared);
            }
        }
        if (!differing.isEmpty()) {
            Set<String> again = new HashSet<>(rebuild);
            again.retainAll(differing);
            rebuilt.putAll(compareDigests(source, target, differing, again, f));
        }
        return rebuilt;
    }

    /**
     * The sum of what the copy sent of the session, standing in for its events in the source; none for a session whose
     * record is rebuilt, since the rebuilt record is made from the source's events, which are then read again.
     */
    private Optional<EventFingerprints.SessionFingerprint> sentSum(String sessionId, Set<String> rebuild) {
        return rebuild.contains(sessionId) ? Optional.empty() : sent.of(sessionId);
    }

    /**
     * How many sessions the target is asked to sum at once: two when the source is read again for at most a tenth of
     * them (the server then sums on two cores), else one (reading and digesting the source keeps the client's cores
     * busy, and a second question only takes CPU from it: {@code verify} on PostgreSQL took 6.4-6.7 s with two
     * against 5.7-6.2 s with one).
     */
    private static int askers(List<String> toRead, List<String> sessionIds) {
        return toRead.size() * 10 <= sessionIds.size() ? 2 : 1;
    }

    /** The fingerprint the target would hold for the event, in hex, or {@link #UNSTORABLE}. */
    private static String fingerprint(EventFingerprints held, MonitorEvent e) {
        OptionalLong fingerprint = held.of(e);
        return fingerprint.isPresent() ? Long.toHexString(fingerprint.getAsLong()) : UNSTORABLE;
    }

    /** Compares the events of the sessions by their checksums, in this order; the digests of the rebuilt records. */
    private Map<String, String> compareDigests(MonitorStore source, MonitorStore target, List<String> sessionIds,
                                               Set<String> rebuild, Findings f) {
        Map<String, String> rebuilt = new HashMap<>();
        try (EventDigests left = EventDigests.start(source, sessionIds, rebuild, "verify-source");
             EventDigests right = EventDigests.start(target, sessionIds, Set.of(), "verify-target")) {
            for (String id : sessionIds) {
                compareSession(left, right, id, f);
                String r = left.endSession();
                right.endSession();
                if (r != null) {
                    rebuilt.put(id, r);
                }
                progress.accept(f.eventsCompared);
            }
        }
        return rebuilt;
    }

    private void compareSession(EventDigests left, EventDigests right, String sessionId, Findings f) {
        long sourceCount = 0;
        long targetCount = 0;
        long missing = 0;
        while (left.peek() != null || right.peek() != null) {
            long ts = Math.min(left.peek() == null ? Long.MAX_VALUE : left.peek().timestamp(),
                    right.peek() == null ? Long.MAX_VALUE : right.peek().timestamp());
            Map<String, Seen> mine = groupAt(left, ts, f);
            Map<String, Seen> theirs = groupAt(right, ts, null);
            sourceCount += mine.size();
            targetCount += theirs.size();
            for (Map.Entry<String, Seen> e : mine.entrySet()) {
                Seen other = theirs.remove(e.getKey());
                if (other == null) {
                    String own = e.getValue().sessionId();
                    if (refused.eventRefused(own, e.getKey()) || refused.sessionRefused(own)) {
                        f.refused++;
                    } else {
                        missing++;
                        f.add(Difference.Kind.EVENT_MISSING, sessionId, e.getKey(), "timestamp " + ts);
                    }
                } else if (!other.digests().equals(e.getValue().digests())) {
                    f.add(Difference.Kind.EVENT_DIFFERS, sessionId, e.getKey(),
                            "source checksum " + e.getValue().digests() + ", target checksum " + other.digests());
                }
            }
            for (String extra : theirs.keySet()) {
                f.surplus(Difference.Kind.EVENT_EXTRA, sessionId, extra, "timestamp " + ts);
            }
        }
        boolean mismatch = mode == VerificationMode.EXACT ? sourceCount != targetCount : missing > 0;
        if (mismatch && f.countMismatches.size() < MAX_LISTED) {
            f.countMismatches.add(new EventCountMismatch(sessionId, sourceCount, targetCount));
        }
    }

    /** The events with this timestamp at the head of one side, by event id; counted as compared when {@code f}. */
    private static Map<String, Seen> groupAt(EventDigests side, long ts, Findings f) {
        Map<String, Seen> group = new LinkedHashMap<>();
        while (side.peek() != null && side.peek().timestamp() == ts) {
            EventDigests.Digested e = side.take();
            group.computeIfAbsent(e.id(), k -> new Seen(e.sessionId(), new LinkedHashSet<>())).digests()
                    .add(e.digest());
            if (f != null) {
                f.eventsCompared++;
            }
        }
        return group;
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

    /**
     * An event's checksum ({@link CanonicalJson#checksum}), not its SHA-256: events are most of what a verification
     * reads, and SHA-256 took half of its time where the JIT compiler does not use the processor's instructions for it.
     */
    static String digest(MonitorEvent e) {
        return CanonicalJson.checksum(MonitorJson.toJson(e));
    }

    /** The session id an event carries and the digests of the versions seen of it. */
    private record Seen(String sessionId, Set<String> digests) {
    }

    private final class Findings {
        final Map<Difference.Kind, Long> counts = new EnumMap<>(Difference.Kind.class);
        final List<Difference> listed = new ArrayList<>();
        final List<String> reconstructed = new ArrayList<>();
        final List<String> kept = new ArrayList<>();
        final List<EventCountMismatch> countMismatches = new ArrayList<>();
        long sessionsCompared;
        long eventsCompared;
        long refused;
        long surplusSessions;
        long surplusEvents;

        void add(Difference.Kind kind, String sessionId, String eventId, String detail) {
            counts.merge(kind, 1L, Long::sum);
            if (listed.size() < MAX_LISTED) {
                listed.add(new Difference(kind, sessionId, eventId, detail));
            }
        }

        /** A record only the target holds: a difference when exact, information otherwise. */
        void surplus(Difference.Kind kind, String sessionId, String eventId, String detail) {
            if (kind == Difference.Kind.SESSION_EXTRA) {
                surplusSessions++;
            } else {
                surplusEvents++;
            }
            if (mode == VerificationMode.EXACT) {
                add(kind, sessionId, eventId, detail);
            }
        }
    }
}
