package io.contextuate.monitor.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Small upstream-shaped records for the file store's tests. */
final class TestRecords {

    static final long T0 = 1_761_000_000_000L;

    private TestRecords() {
    }

    static MonitorEvent event(String sessionId, String id, long timestamp) {
        ObjectNode data = MonitorJson.newObject();
        data.put("toolName", "Bash");
        data.putObject("toolInput").put("command", "echo " + id);
        return MonitorEvent.builder().id(id).timestamp(timestamp).sessionId(sessionId).machineId("m1")
                .workingDirectory("/work").eventType(EventType.TOOL_CALL).hookType(HookType.of("PreToolUse"))
                .data(data).build();
    }

    static MonitorEvent eventWithPayload(String sessionId, String id, long timestamp, int payloadChars) {
        MonitorEvent e = event(sessionId, id, timestamp);
        e.data().put("toolOutput", "x".repeat(payloadChars));
        return e;
    }

    static SessionMeta session(String sessionId, long startTime) {
        return SessionMeta.builder().sessionId(sessionId).machineId("m1").workingDirectory("/work")
                .startTime(startTime).status(SessionStatus.ACTIVE).childSessionIds(List.of()).build();
    }

    static List<String> ids(List<MonitorEvent> events) {
        return events.stream().map(MonitorEvent::id).toList();
    }

    static List<String> ids(Stream<MonitorEvent> events) {
        try (events) {
            return events.map(MonitorEvent::id).toList();
        }
    }

    /** The bytes upstream appends for an event: its compact line and a line feed. */
    static byte[] upstreamLine(MonitorEvent e) {
        byte[] line = MonitorJson.toLine(e);
        byte[] withFeed = Arrays.copyOf(line, line.length + 1);
        withFeed[line.length] = '\n';
        return withFeed;
    }
}
