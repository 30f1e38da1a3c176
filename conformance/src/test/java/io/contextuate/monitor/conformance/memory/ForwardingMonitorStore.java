package io.contextuate.monitor.conformance.memory;

import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.StoreStats;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionPatch;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A store that hands every call to another; the broken stores of {@link KitCatchesBrokenStoresTest} override one. */
class ForwardingMonitorStore implements MonitorStore {

    protected final MonitorStore delegate;

    ForwardingMonitorStore(MonitorStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean saveEvent(MonitorEvent event) {
        return delegate.saveEvent(event);
    }

    @Override
    public int saveEvents(List<MonitorEvent> events) {
        return delegate.saveEvents(events);
    }

    @Override
    public List<MonitorEvent> getEvents(String sessionId, EventQuery query) {
        return delegate.getEvents(sessionId, query);
    }

    @Override
    public Optional<MonitorEvent> getEventById(String sessionId, String eventId) {
        return delegate.getEventById(sessionId, eventId);
    }

    @Override
    public List<MonitorEvent> getAllRecentEvents(int limit) {
        return delegate.getAllRecentEvents(limit);
    }

    @Override
    public void saveSession(SessionMeta session) {
        delegate.saveSession(session);
    }

    @Override
    public Optional<SessionMeta> getSession(String sessionId) {
        return delegate.getSession(sessionId);
    }

    @Override
    public List<SessionMeta> getSessions(SessionQuery query) {
        return delegate.getSessions(query);
    }

    @Override
    public SessionMeta updateSession(String sessionId, SessionPatch patch) {
        return delegate.updateSession(sessionId, patch);
    }

    @Override
    public void deleteSession(String sessionId) {
        delegate.deleteSession(sessionId);
    }

    @Override
    public int deleteAllSessions() {
        return delegate.deleteAllSessions();
    }

    @Override
    public int pruneOldSessions(long cutoffMs) {
        return delegate.pruneOldSessions(cutoffMs);
    }

    @Override
    public Stream<SessionMeta> streamSessions() {
        return delegate.streamSessions();
    }

    @Override
    public Stream<String> streamEventSessionIds() {
        return delegate.streamEventSessionIds();
    }

    @Override
    public Stream<MonitorEvent> streamEvents(String sessionId) {
        return delegate.streamEvents(sessionId);
    }

    @Override
    public StoreStats stats() {
        return delegate.stats();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
