package io.contextuate.monitor.spi.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Objects;

/**
 * One hook event recorded by the monitor, as upstream's {@code MonitorEvent}.
 *
 * <p>Optional members are {@code null} when absent. Members the library does not know, and known optional members
 * whose value does not have the expected JSON type (a {@code null}, say), are kept in {@link #extra()} exactly as
 * they came, so a record read and written again is JSON-equal to its source. The {@link #data()} object is shared,
 * not copied: neither stores nor callers mutate it once it is in an event.
 *
 * @param id               the event id (a UUID from the hook, or any other non-empty string)
 * @param timestamp        Unix milliseconds
 * @param sessionId        the session the event belongs to
 * @param parentSessionId  the parent session, or {@code null} when absent
 * @param machineId        the machine that recorded the event
 * @param workingDirectory the agent's working directory
 * @param eventType        what happened (an open set)
 * @param hookType         the hook that reported it (an open set)
 * @param data             the payload, a JSON object whose shape varies
 * @param extra            unknown top-level members, in order
 */
public record MonitorEvent(String id, long timestamp, String sessionId, String parentSessionId, String machineId,
                           String workingDirectory, EventType eventType, HookType hookType, ObjectNode data,
                           Map<String, JsonNode> extra) {

    public MonitorEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(hookType, "hookType");
        Objects.requireNonNull(data, "data");
        extra = Extras.copyOf(extra);
    }

    /** A builder for a new event. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this event's values. */
    public Builder toBuilder() {
        return new Builder().id(id).timestamp(timestamp).sessionId(sessionId).parentSessionId(parentSessionId)
                .machineId(machineId).workingDirectory(workingDirectory).eventType(eventType).hookType(hookType)
                .data(data).extra(extra);
    }

    /** Builds {@link MonitorEvent}s; every required member must be set. */
    public static final class Builder {
        private String id;
        private long timestamp;
        private String sessionId;
        private String parentSessionId;
        private String machineId;
        private String workingDirectory;
        private EventType eventType;
        private HookType hookType;
        private ObjectNode data;
        private Map<String, JsonNode> extra = Map.of();

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder timestamp(long timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder parentSessionId(String parentSessionId) {
            this.parentSessionId = parentSessionId;
            return this;
        }

        public Builder machineId(String machineId) {
            this.machineId = machineId;
            return this;
        }

        public Builder workingDirectory(String workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        public Builder eventType(EventType eventType) {
            this.eventType = eventType;
            return this;
        }

        public Builder hookType(HookType hookType) {
            this.hookType = hookType;
            return this;
        }

        public Builder data(ObjectNode data) {
            this.data = data;
            return this;
        }

        public Builder extra(Map<String, JsonNode> extra) {
            this.extra = extra;
            return this;
        }

        public MonitorEvent build() {
            return new MonitorEvent(id, timestamp, sessionId, parentSessionId, machineId, workingDirectory,
                    eventType, hookType, data, extra);
        }
    }
}
