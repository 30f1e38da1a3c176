package io.contextuate.monitor.spi.model;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Claude Code hook that produced a {@link MonitorEvent}, an open set: the twelve hooks the upstream monitor
 * knows (plus {@code Unknown}, which its hook writes when Claude sends none) are constants here, and any other
 * string is a valid hook type that a store keeps exactly as it came.
 *
 * @param value the hook type as written on the wire, for example {@code PreToolUse}
 */
public record HookType(String value) {

    public static final HookType SESSION_START = new HookType("SessionStart");
    public static final HookType SESSION_END = new HookType("SessionEnd");
    public static final HookType PRE_TOOL_USE = new HookType("PreToolUse");
    public static final HookType POST_TOOL_USE = new HookType("PostToolUse");
    public static final HookType POST_TOOL_USE_FAILURE = new HookType("PostToolUseFailure");
    public static final HookType NOTIFICATION = new HookType("Notification");
    public static final HookType USER_PROMPT_SUBMIT = new HookType("UserPromptSubmit");
    public static final HookType STOP = new HookType("Stop");
    public static final HookType SUBAGENT_START = new HookType("SubagentStart");
    public static final HookType SUBAGENT_STOP = new HookType("SubagentStop");
    public static final HookType PRE_COMPACT = new HookType("PreCompact");
    public static final HookType PERMISSION_REQUEST = new HookType("PermissionRequest");
    /** What the upstream hook writes when Claude names no hook; not one of the twelve known hooks. */
    public static final HookType UNKNOWN = new HookType("Unknown");

    private static final Set<String> KNOWN = Stream.of(SESSION_START, SESSION_END, PRE_TOOL_USE, POST_TOOL_USE,
                    POST_TOOL_USE_FAILURE, NOTIFICATION, USER_PROMPT_SUBMIT, STOP, SUBAGENT_START, SUBAGENT_STOP,
                    PRE_COMPACT, PERMISSION_REQUEST)
            .map(HookType::value)
            .collect(Collectors.toUnmodifiableSet());

    public HookType {
        Objects.requireNonNull(value, "value");
    }

    /** Returns the hook type with this wire value, known or not. */
    public static HookType of(String value) {
        return new HookType(value);
    }

    /** The wire values of the twelve hook types the upstream monitor knows. */
    public static Set<String> knownValues() {
        return KNOWN;
    }

    /** Whether this is one of the twelve known hooks (a store must keep other values all the same). */
    public boolean isKnown() {
        return KNOWN.contains(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
