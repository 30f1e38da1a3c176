package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;

/** Small records for this module's own tests. */
final class TestEvents {

    private TestEvents() {
    }

    static MonitorEvent event(String sessionId, String id, long timestamp) {
        return MonitorEvent.builder().id(id).timestamp(timestamp).sessionId(sessionId).machineId("machine")
                .workingDirectory("/work").eventType(EventType.TOOL_CALL).hookType(HookType.PRE_TOOL_USE)
                .data(MonitorJson.newObject().put("toolName", "Bash").put("n", timestamp)).build();
    }

    static SessionMeta session(String sessionId, long startTime) {
        return SessionMeta.builder().sessionId(sessionId).machineId("machine").workingDirectory("/work")
                .startTime(startTime).status(SessionStatus.ACTIVE).build();
    }
}
