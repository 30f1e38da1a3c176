package io.contextuate.monitor.conformance;

import io.contextuate.monitor.spi.model.MonitorEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything upstream keeps under {@code sessions/<sessionId>/}: the session record, if it has one, and the lines of
 * {@code events.jsonl} in arrival order (not timestamp order), identical duplicate lines included.
 *
 * @param sessionId the directory name and id
 * @param session   the {@code meta.json} record, or {@code null} for an events file without one
 * @param lines     the events in arrival order, duplicates included; empty for a session without events
 */
public record UpstreamSessionData(String sessionId, UpstreamSession session, List<UpstreamEvent> lines) {

    public UpstreamSessionData {
        lines = List.copyOf(lines);
    }

    /** The session record, if the session has a {@code meta.json}. */
    public Optional<UpstreamSession> meta() {
        return Optional.ofNullable(session);
    }

    /** Each event once (its first line), in arrival order: what a store holds after saving {@link #lines()}. */
    public List<UpstreamEvent> distinctEvents() {
        Map<String, UpstreamEvent> first = new LinkedHashMap<>();
        lines.forEach(e -> first.putIfAbsent(e.id(), e));
        return List.copyOf(first.values());
    }

    /**
     * The distinct events in the order a store returns them when saved in arrival order: oldest first, equal
     * timestamps in arrival order.
     */
    public List<UpstreamEvent> eventsInStoreOrder() {
        List<UpstreamEvent> sorted = new ArrayList<>(distinctEvents());
        sorted.sort(Comparator.comparingLong(UpstreamEvent::timestamp));
        return sorted;
    }

    /** The records of {@link #lines()}, duplicates included. */
    public List<MonitorEvent> eventRecords() {
        return lines.stream().map(UpstreamEvent::event).toList();
    }
}
