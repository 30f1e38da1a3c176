package io.contextuate.monitor.spi.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The members of a session to change, as upstream's {@code updateSession(id, Partial<SessionMeta>)}: each named
 * member is set to the given JSON value, and a JSON {@code null} removes an optional member (as upstream's
 * {@code undefined} does). Members the patch does not name stay as they were.
 *
 * @param changes member name to new value, in order
 */
public record SessionPatch(Map<String, JsonNode> changes) {

    public SessionPatch {
        changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }

    /** A patch from a JSON object such as {@code {"label": "x", "isPinned": true}}. */
    public static SessionPatch of(ObjectNode members) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        members.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        return new SessionPatch(m);
    }

    /** An empty patch to add changes to. */
    public static SessionPatch empty() {
        return new SessionPatch(Map.of());
    }

    public SessionPatch set(String member, JsonNode value) {
        Map<String, JsonNode> m = new LinkedHashMap<>(changes);
        m.put(member, value == null ? NullNode.getInstance() : value);
        return new SessionPatch(m);
    }

    public SessionPatch set(String member, String value) {
        return set(member, value == null ? NullNode.getInstance() : TextNode.valueOf(value));
    }

    public SessionPatch set(String member, boolean value) {
        return set(member, BooleanNode.valueOf(value));
    }

    public SessionPatch set(String member, long value) {
        return set(member, LongNode.valueOf(value));
    }

    /** Removes an optional member. */
    public SessionPatch remove(String member) {
        return set(member, NullNode.getInstance());
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
