package io.contextuate.monitor.spi.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metadata of one session, as upstream's {@code SessionMeta} (its {@code meta.json}).
 *
 * <p>Optional members are {@code null} when absent. Members the library does not know, and known optional members
 * whose value does not have the expected JSON type, are kept in {@link #extra()} exactly as they came, so a record
 * read and written again is JSON-equal to its source.
 *
 * @param sessionId             the session id (16 or 8 hex characters, an agent id, or any other string)
 * @param machineId             the machine the session ran on
 * @param workingDirectory      the agent's working directory
 * @param startTime             Unix milliseconds of the first event
 * @param endTime               Unix milliseconds of the end, or {@code null}; it may precede {@code startTime}
 * @param status                active, completed, error (an open set)
 * @param parentSessionId       the parent session, or {@code null}; it may be missing or the session itself
 * @param childSessionIds       the children upstream linked, or {@code null} when absent
 * @param tokenUsage            cumulative token usage, or {@code null} when absent
 * @param hidden                hidden in the UI, or {@code null}
 * @param agentType             the subagent type, or {@code null}
 * @param isUserInitiated       whether a person started the session, or {@code null} (old files lack it)
 * @param isPinned              pinned sessions are never pruned; {@code null} when absent
 * @param manualParentSessionId a parent chosen by hand, or {@code null}
 * @param label                 a label chosen by hand, or {@code null}
 * @param model                 the model of the last event, or {@code null}
 * @param transcriptPath        the Claude transcript path, or {@code null}
 * @param extra                 unknown top-level members, in order
 */
public record SessionMeta(String sessionId, String machineId, String workingDirectory, long startTime, Long endTime,
                          SessionStatus status, String parentSessionId, List<String> childSessionIds,
                          TokenUsage tokenUsage, Boolean hidden, String agentType, Boolean isUserInitiated,
                          Boolean isPinned, String manualParentSessionId, String label, String model,
                          String transcriptPath, Map<String, JsonNode> extra) {

    public SessionMeta {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(status, "status");
        childSessionIds = childSessionIds == null ? null : List.copyOf(childSessionIds);
        extra = Extras.copyOf(extra);
    }

    /** Whether the session is pinned, and so never pruned. */
    public boolean pinned() {
        return Boolean.TRUE.equals(isPinned);
    }

    /** The instant prune compares with its cutoff: the end time, or the start time of a session never ended. */
    public long lastActivity() {
        return endTime != null ? endTime : startTime;
    }

    /** A builder for a new session. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this session's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.sessionId = sessionId;
        b.machineId = machineId;
        b.workingDirectory = workingDirectory;
        b.startTime = startTime;
        b.endTime = endTime;
        b.status = status;
        b.parentSessionId = parentSessionId;
        b.childSessionIds = childSessionIds;
        b.tokenUsage = tokenUsage;
        b.hidden = hidden;
        b.agentType = agentType;
        b.isUserInitiated = isUserInitiated;
        b.isPinned = isPinned;
        b.manualParentSessionId = manualParentSessionId;
        b.label = label;
        b.model = model;
        b.transcriptPath = transcriptPath;
        b.extra = extra;
        return b;
    }

    /** Builds {@link SessionMeta}s; sessionId, machineId, workingDirectory and status must be set. */
    public static final class Builder {
        private String sessionId;
        private String machineId;
        private String workingDirectory;
        private long startTime;
        private Long endTime;
        private SessionStatus status;
        private String parentSessionId;
        private List<String> childSessionIds;
        private TokenUsage tokenUsage;
        private Boolean hidden;
        private String agentType;
        private Boolean isUserInitiated;
        private Boolean isPinned;
        private String manualParentSessionId;
        private String label;
        private String model;
        private String transcriptPath;
        private Map<String, JsonNode> extra = Map.of();

        private Builder() {
        }

        public Builder sessionId(String v) {
            sessionId = v;
            return this;
        }

        public Builder machineId(String v) {
            machineId = v;
            return this;
        }

        public Builder workingDirectory(String v) {
            workingDirectory = v;
            return this;
        }

        public Builder startTime(long v) {
            startTime = v;
            return this;
        }

        public Builder endTime(Long v) {
            endTime = v;
            return this;
        }

        public Builder status(SessionStatus v) {
            status = v;
            return this;
        }

        public Builder parentSessionId(String v) {
            parentSessionId = v;
            return this;
        }

        public Builder childSessionIds(List<String> v) {
            childSessionIds = v;
            return this;
        }

        public Builder tokenUsage(TokenUsage v) {
            tokenUsage = v;
            return this;
        }

        public Builder hidden(Boolean v) {
            hidden = v;
            return this;
        }

        public Builder agentType(String v) {
            agentType = v;
            return this;
        }

        public Builder isUserInitiated(Boolean v) {
            isUserInitiated = v;
            return this;
        }

        public Builder isPinned(Boolean v) {
            isPinned = v;
            return this;
        }

        public Builder manualParentSessionId(String v) {
            manualParentSessionId = v;
            return this;
        }

        public Builder label(String v) {
            label = v;
            return this;
        }

        public Builder model(String v) {
            model = v;
            return this;
        }

        public Builder transcriptPath(String v) {
            transcriptPath = v;
            return this;
        }

        public Builder extra(Map<String, JsonNode> v) {
            extra = v;
            return this;
        }

        public SessionMeta build() {
            return new SessionMeta(sessionId, machineId, workingDirectory, startTime, endTime, status,
                    parentSessionId, childSessionIds, tokenUsage, hidden, agentType, isUserInitiated, isPinned,
                    manualParentSessionId, label, model, transcriptPath, extra);
        }
    }
}
