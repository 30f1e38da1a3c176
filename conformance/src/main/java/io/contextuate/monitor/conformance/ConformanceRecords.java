package io.contextuate.monitor.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;
import io.contextuate.monitor.spi.model.TokenUsage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small records and JSON assertions the conformance tests are written with; usable in a backend's own tests.
 */
public final class ConformanceRecords {

    /** The start of the kit's timeline, Unix ms. */
    public static final long T0 = 1_761_000_000_000L;

    private ConformanceRecords() {
    }

    /** A plain {@code tool_call} event with a small {@code data} object. */
    public static MonitorEvent event(String sessionId, String eventId, long timestamp) {
        ObjectNode data = MonitorJson.newObject();
        data.put("toolName", "Bash");
        data.putObject("toolInput").put("command", "echo " + eventId);
        return event(sessionId, eventId, timestamp, data);
    }

    /** A {@code tool_call} event with this {@code data}. */
    public static MonitorEvent event(String sessionId, String eventId, long timestamp, ObjectNode data) {
        return MonitorEvent.builder().id(eventId).timestamp(timestamp).sessionId(sessionId)
                .machineId("kit-machine").workingDirectory("/home/dev/kit").eventType(EventType.TOOL_CALL)
                .hookType(HookType.PRE_TOOL_USE).data(data).build();
    }

    /** {@code n} events {@code e0..e(n-1)} one second apart from {@link #T0}. */
    public static List<MonitorEvent> events(String sessionId, int n) {
        return IntStream.range(0, n).mapToObj(i -> event(sessionId, "e" + i, T0 + i * 1_000L)).toList();
    }

    /** The ids of these events, in their order. */
    public static List<String> eventIds(List<MonitorEvent> events) {
        return events.stream().map(MonitorEvent::id).toList();
    }

    /** The ids of these sessions, in their order. */
    public static List<String> sessionIds(List<SessionMeta> sessions) {
        return sessions.stream().map(SessionMeta::sessionId).toList();
    }

    /** An active session with the members upstream always writes, token usage, and isUserInitiated/isPinned. */
    public static SessionMeta session(String sessionId, long startTime) {
        return SessionMeta.builder().sessionId(sessionId).machineId("kit-machine").workingDirectory("/home/dev/kit")
                .startTime(startTime).status(SessionStatus.ACTIVE).childSessionIds(List.of())
                .tokenUsage(TokenUsage.of(10, 20)).isUserInitiated(true).isPinned(false).build();
    }

    /** Asserts that a record's wire form is JSON-equal to the expected JSON, showing both when not. */
    public static void assertJsonEqual(JsonNode actual, JsonNode expected, String what) {
        assertThat(actual).as(what + " is missing").isNotNull();
        if (!CanonicalJson.equal(actual, expected)) {
            assertThat(abbreviate(actual)).as(what + " is not JSON-equal to what was saved")
                    .isEqualTo(abbreviate(expected));
            assertThat(CanonicalJson.equal(actual, expected)).as(what + " differs beyond the first 4000 characters")
                    .isTrue();
        }
    }

    /** Asserts the event as returned is JSON-equal to the JSON it was made from. */
    public static void assertJsonEqual(MonitorEvent actual, JsonNode expected) {
        assertJsonEqual(MonitorJson.toJson(actual), expected, "event " + actual.id());
    }

    /** Asserts the session as returned is JSON-equal to the JSON it was made from. */
    public static void assertJsonEqual(SessionMeta actual, JsonNode expected) {
        assertJsonEqual(MonitorJson.toJson(actual), expected, "session " + actual.sessionId());
    }

    private static String abbreviate(JsonNode node) {
        String text = new String(CanonicalJson.bytes(node), StandardCharsets.UTF_8);
        return text.length() <= 4_000 ? text : text.substring(0, 4_000) + "...(" + text.length() + " chars)";
    }
}
