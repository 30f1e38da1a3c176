package io.contextuate.monitor.conformance.memory;

import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.NotFoundException;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.StoreStats;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionPatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The store contract in its plainest form, held in memory: executable documentation of the semantics the
 * conformance kit checks, and the store the kit's own test runs against. Test code only; not a provider.
 */
public final class InMemoryMonitorStore implements MonitorStore {

    /** An event and its place in save order, which breaks timestamp ties. */
    private record Stored(long saveOrder, MonitorEvent event) {
    }

    private record EventKey(String sessionId, String eventId) {
    }

    private static final Comparator<Stored> OLDEST_FIRST =
            Comparator.comparingLong((Stored s) -> s.event().timestamp()).thenComparingLong(Stored::saveOrder);

    private final Map<String, SessionMeta> sessions = new HashMap<>();
    private final Map<String, List<Stored>> eventsBySession = new HashMap<>();
    private final Set<EventKey> held = new HashSet<>();
    private long saves;

    @Override
    public synchronized boolean saveEvent(MonitorEvent event) {
        refuseEmptyIds(event);
        return add(event);
    }

    @Override
    public synchronized int saveEvents(List<MonitorEvent> events) {
        int added = 0;
        for (MonitorEvent e : events) {
            refuseEmptyIds(e); // the events before a refused one stay saved, as the contract allows
            added += add(e) ? 1 : 0;
        }
        return added;
    }

    private boolean add(MonitorEvent e) {
        if (!held.add(new EventKey(e.sessionId(), e.id()))) {
            return false;
        }
        eventsBySession.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(new Stored(saves++, e));
        return true;
    }

    private static void refuseEmptyIds(MonitorEvent e) {
        if (e.id().isEmpty()) {
            throw new InvalidRecordException(null, "id", "must not be empty");
        }
        if (e.sessionId().isEmpty()) {
            throw new InvalidRecordException(e.id(), "sessionId", "must not be empty");
        }
    }

    @Override
    public synchronized List<MonitorEvent> getEvents(String sessionId, EventQuery query) {
        List<MonitorEvent> matching = eventsOf(sessionId).stream().filter(s -> query.admits(s.event().timestamp()))
                .sorted(OLDEST_FIRST).map(Stored::event).toList();
        return matching.subList(Math.max(0, matching.size() - query.limit()), matching.size());
    }

    @Override
    public synchronized Optional<MonitorEvent> getEventById(String sessionId, String eventId) {
        return eventsOf(sessionId).stream().map(Stored::event).filter(e -> e.id().equals(eventId)).findFirst();
    }

    @Override
    public synchronized List<MonitorEvent> getAllRecentEvents(int limit) {
        return eventsBySession.values().stream().flatMap(List::stream).sorted(OLDEST_FIRST.reversed())
                .limit(limit).map(Stored::event).toList();
    }

    @Override
    public synchronized void saveSession(SessionMeta session) {
        if (session.sessionId().isEmpty()) {
            throw new InvalidRecordException(null, "sessionId", "must not be empty");
        }
        sessions.put(session.sessionId(), session);
    }

    @Override
    public synchronized Optional<SessionMeta> getSession(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public synchronized List<SessionMeta> getSessions(SessionQuery query) {
        return sessions.values().stream()
                .filter(s -> query.status() == null || s.status().equals(query.status()))
                .sorted(Comparator.comparingLong(SessionMeta::startTime).reversed()
                        .thenComparing(SessionMeta::sessionId))
                .limit(query.limit() == null ? Long.MAX_VALUE : query.limit())
                .toList();
    }

    @Override
    public synchronized SessionMeta updateSession(String sessionId, SessionPatch patch) {
        SessionMeta current = sessions.get(sessionId);
        if (current == null) {
            throw NotFoundException.session(sessionId);
        }
        SessionMeta updated = MonitorJson.apply(current, patch);
        sessions.put(sessionId, updated);
        return updated;
    }

    @Override
    public synchronized void deleteSession(String sessionId) {
        if (!sessions.containsKey(sessionId)) {
            throw NotFoundException.session(sessionId);
        }
        remove(sessionId);
    }

    private void remove(String sessionId) {
        sessions.remove(sessionId);
        eventsOf(sessionId).forEach(s -> held.remove(new EventKey(sessionId, s.event().id())));
        eventsBySession.remove(sessionId);
        sessions.replaceAll((id, s) -> sessionId.equals(s.parentSessionId())
                ? s.toBuilder().parentSessionId(null).build() : s);
    }

    @Override
    public synchronized int deleteAllSessions() {
        int removed = sessions.size();
        sessions.clear();
        eventsBySession.clear();
        held.clear();
        return removed;
    }

    @Override
    public synchronized int pruneOldSessions(long cutoffMs) {
        List<String> old = sessions.values().stream().filter(s -> !s.pinned() && s.lastActivity() < cutoffMs)
                .map(SessionMeta::sessionId).toList();
        old.forEach(this::remove);
        return old.size();
    }

    @Override
    public synchronized Stream<SessionMeta> streamSessions() {
        return List.copyOf(sessions.values()).stream();
    }

    @Override
    public synchronized Stream<String> streamEventSessionIds() {
        return List.copyOf(eventsBySession.keySet()).stream();
    }

    @Override
    public synchronized Stream<MonitorEvent> streamEvents(String sessionId) {
        return eventsOf(sessionId).stream().sorted(OLDEST_FIRST).map(Stored::event).toList().stream();
    }

    @Override
    public synchronized StoreStats stats() {
        return new StoreStats(sessions.size(), held.size());
    }

    @Override
    public String describe() {
        return "in-memory store (test reference)";
    }

    @Override
    public void close() {
        // nothing to release
    }

    private List<Stored> eventsOf(String sessionId) {
        return eventsBySession.getOrDefault(sessionId, List.of());
    }
}
