package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.StoreStats;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionPatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real store seen through a window that records the writes reaching it (the order of session saves, the size of
 * each event batch), and that can be told to behave as a target sometimes does: refuse some events, or be
 * unavailable for a while. Everything else goes to the real store unchanged.
 */
class RecordingStore implements MonitorStore {

    final MonitorStore real;
    // written by the migration's lanes and its session-record thread at once
    final List<String> savedSessions = Collections.synchronizedList(new ArrayList<>());
    final List<List<MonitorEvent>> batches = Collections.synchronizedList(new ArrayList<>());

    RecordingStore(MonitorStore real) {
        this.real = real;
    }

    /** Takes a while, as a slow target does; an interrupt ends the operation. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean saveEvent(MonitorEvent event) {
        return saveEvents(List.of(event)) == 1;
    }

    @Override
    public int saveEvents(List<MonitorEvent> events) {
        batches.add(List.copyOf(events));
        return real.saveEvents(events);
    }

    @Override
    public List<MonitorEvent> getEvents(String sessionId, EventQuery query) {
        return real.getEvents(sessionId, query);
    }

    @Override
    public Optional<MonitorEvent> getEventById(String sessionId, String eventId) {
        return real.getEventById(sessionId, eventId);
    }

    @Override
    public List<MonitorEvent> getAllRecentEvents(int limit) {
        return real.getAllRecentEvents(limit);
    }

    @Override
    public void saveSession(SessionMeta session) {
        savedSessions.add(session.sessionId());
        real.saveSession(session);
    }

    @Override
    public Optional<SessionMeta> getSession(String sessionId) {
        return real.getSession(sessionId);
    }

    @Override
    public List<SessionMeta> getSessions(SessionQuery query) {
        return real.getSessions(query);
    }

    @Override
    public SessionMeta updateSession(String sessionId, SessionPatch patch) {
        return real.updateSession(sessionId, patch);
    }

    @Override
    public void deleteSession(String sessionId) {
        real.deleteSession(sessionId);
    }

    @Override
    public int deleteAllSessions() {
        return real.deleteAllSessions();
    }

    @Override
    public int pruneOldSessions(long cutoffMs) {
        return real.pruneOldSessions(cutoffMs);
    }

    @Override
    public Stream<SessionMeta> streamSessions() {
        return real.streamSessions();
    }

    @Override
    public Stream<String> streamEventSessionIds() {
        return real.streamEventSessionIds();
    }

    @Override
    public Stream<MonitorEvent> streamEvents(String sessionId) {
        return real.streamEvents(sessionId);
    }

    @Override
    public StoreStats stats() {
        return real.stats();
    }

    @Override
    public String describe() {
        return real.describe();
    }

    @Override
    public void close() {
        real.close();
    }
}
