package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.json.SourcedObject;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * A close estimate of an event's size as compact JSON, in bytes (characters, plus quotes and separators), found
 * by walking the record instead of writing it (a payload read from text counts that text's length): batches are
 * bounded by bytes without serialising every event.
 */
final class EventSize {

    private static final int PER_MEMBER = 4; // quotes, colon, comma

    private EventSize() {
    }

    static long of(MonitorEvent e) {
        long size = 160 + e.id().length() + e.sessionId().length() + e.machineId().length()
                + e.workingDirectory().length() + e.eventType().value().length() + e.hookType().value().length()
                + (e.parentSessionId() == null ? 0 : e.parentSessionId().length() + 20);
        size += e.data() instanceof SourcedObject sourced ? sourced.sourceLength() : of(e.data());
        for (Map.Entry<String, JsonNode> m : e.extra().entrySet()) {
            size += m.getKey().length() + PER_MEMBER + of(m.getValue());
        }
        return size;
    }

    private static long of(JsonNode root) {
        long size = 0;
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            JsonNode n = pending.pop();
            if (n.isObject()) {
                size += 2;
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> m = it.next();
                    size += m.getKey().length() + PER_MEMBER;
                    pending.push(m.getValue());
                }
            } else if (n.isArray()) {
                size += 2 + n.size();
                n.elements().forEachRemaining(pending::push);
            } else if (n.isTextual()) {
                size += n.textValue().length() + 2;
            } else {
                size += n.isNumber() ? n.asText().length() : 5;
            }
        }
        return size;
    }
}
