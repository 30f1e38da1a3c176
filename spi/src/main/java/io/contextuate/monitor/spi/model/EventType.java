package io.contextuate.monitor.spi.model;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The kind of a {@link MonitorEvent}, an open set: the sixteen values the upstream monitor knows are constants
 * here, and any other non-empty string is a valid type that a store keeps exactly as it came.
 *
 * @param value the type as written on the wire, for example {@code tool_call}
 */
public record EventType(String value) {

    public static final EventType SESSION_START = new EventType("session_start");
    public static final EventType SESSION_END = new EventType("session_end");
    public static final EventType TOOL_CALL = new EventType("tool_call");
    public static final EventType TOOL_RESULT = new EventType("tool_result");
    public static final EventType TOOL_ERROR = new EventType("tool_error");
    public static final EventType MESSAGE = new EventType("message");
    public static final EventType NOTIFICATION = new EventType("notification");
    public static final EventType THINKING = new EventType("thinking");
    public static final EventType ERROR = new EventType("error");
    public static final EventType AGENT_SPAWN = new EventType("agent_spawn");
    public static final EventType AGENT_COMPLETE = new EventType("agent_complete");
    public static final EventType SUBAGENT_START = new EventType("subagent_start");
    public static final EventType SUBAGENT_STOP = new EventType("subagent_stop");
    public static final EventType USER_PROMPT = new EventType("user_prompt");
    public static final EventType PRE_COMPACT = new EventType("pre_compact");
    public static final EventType PERMISSION_REQUEST = new EventType("permission_request");

    private static final Set<String> KNOWN = Stream.of(SESSION_START, SESSION_END, TOOL_CALL, TOOL_RESULT,
                    TOOL_ERROR, MESSAGE, NOTIFICATION, THINKING, ERROR, AGENT_SPAWN, AGENT_COMPLETE, SUBAGENT_START,
                    SUBAGENT_STOP, USER_PROMPT, PRE_COMPACT, PERMISSION_REQUEST)
            .map(EventType::value)
            .collect(Collectors.toUnmodifiableSet());

    public EventType {
        Objects.requireNonNull(value, "value");
    }

    /** Returns the event type with this wire value, known or not. */
    public static EventType of(String value) {
        return new EventType(value);
    }

    /** The wire values of the sixteen event types the upstream monitor writes. */
    public static Set<String> knownValues() {
        return KNOWN;
    }

    /** Whether the upstream monitor knows this type (a store must keep unknown ones all the same). */
    public boolean isKnown() {
        return KNOWN.contains(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
