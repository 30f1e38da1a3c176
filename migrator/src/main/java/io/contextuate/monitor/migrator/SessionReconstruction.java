package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;

import java.util.Optional;

/**
 * Builds the session record of a session that has events but no readable record, from its events alone, as the
 * upstream daemon would have: id, machine and working directory of the first event, start time the first event's
 * timestamp, the first parent id an event carries, and completed with the end time of the last
 * {@code session_end} or {@code agent_complete} event (active when there is none). Nothing else is invented.
 */
final class SessionReconstruction {

    private MonitorEvent first;
    private String parentSessionId;
    private Long endTime;

    /** Takes the session's next event, oldest first. */
    void accept(MonitorEvent event) {
        if (first == null) {
            first = event;
        }
        if (parentSessionId == null && event.parentSessionId() != null) {
            parentSessionId = event.parentSessionId();
        }
        if (event.eventType().equals(EventType.SESSION_END) || event.eventType().equals(EventType.AGENT_COMPLETE)) {
            endTime = event.timestamp();
        }
    }

    /** The reconstructed record, or empty when no event was given. */
    Optional<SessionMeta> result() {
        if (first == null) {
            return Optional.empty();
        }
        SessionMeta.Builder b = SessionMeta.builder()
                .sessionId(first.sessionId())
                .machineId(first.machineId())
                .workingDirectory(first.workingDirectory())
                .startTime(first.timestamp())
                .parentSessionId(parentSessionId)
                .status(endTime == null ? SessionStatus.ACTIVE : SessionStatus.COMPLETED)
                .endTime(endTime);
        return Optional.of(b.build());
    }
}
