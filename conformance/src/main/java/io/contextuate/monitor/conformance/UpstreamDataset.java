package io.contextuate.monitor.conformance;

import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A whole generated store: its sessions in the order upstream wrote them (a child can come before its parent).
 *
 * @param sessions every session directory, in write order
 */
public record UpstreamDataset(List<UpstreamSessionData> sessions) {

    public UpstreamDataset {
        sessions = List.copyOf(sessions);
    }

    /** The session directory with this id. */
    public UpstreamSessionData session(String sessionId) {
        return sessions.stream().filter(s -> s.sessionId().equals(sessionId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no generated session " + sessionId));
    }

    /** Every session record ({@code meta.json}), in write order. */
    public List<UpstreamSession> sessionRecords() {
        return sessions.stream().map(UpstreamSessionData::meta).flatMap(Optional::stream).toList();
    }

    /** The records of {@link #sessionRecords()}. */
    public List<SessionMeta> sessionMetas() {
        return sessionRecords().stream().map(UpstreamSession::meta).toList();
    }

    /** Every line of every {@code events.jsonl}, session by session, duplicates included. */
    public List<UpstreamEvent> allLines() {
        return sessions.stream().flatMap(s -> s.lines().stream()).toList();
    }

    /** The records of {@link #allLines()}: what to save, duplicates included. */
    public List<MonitorEvent> allEventRecords() {
        return allLines().stream().map(UpstreamEvent::event).toList();
    }

    /** Each event once, session by session. */
    public List<UpstreamEvent> distinctEvents() {
        return sessions.stream().flatMap(s -> s.distinctEvents().stream()).toList();
    }

    /** The event with this id in this session, as generated. */
    public Optional<UpstreamEvent> event(String sessionId, String eventId) {
        return session(sessionId).distinctEvents().stream().filter(e -> e.id().equals(eventId)).findFirst();
    }
}
