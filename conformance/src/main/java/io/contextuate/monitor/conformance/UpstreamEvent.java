package io.contextuate.monitor.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;

/**
 * One generated event in both forms: the raw JSON object as upstream writes it (member order included) and the
 * record a reader makes of it. A store given {@link #event()} must give back something JSON-equal to {@link #json()}.
 *
 * @param json  the original JSON object, never to be mutated
 * @param event the record read from {@link #line()} with {@link MonitorJson#readEvent(byte[])}
 */
public record UpstreamEvent(ObjectNode json, MonitorEvent event) {

    /** Reads the record from the object's compact bytes, as a reader of {@code events.jsonl} would. */
    public static UpstreamEvent of(ObjectNode json) {
        return new UpstreamEvent(json, MonitorJson.readEvent(MonitorJson.toBytes(json)));
    }

    /** The line upstream appends to {@code events.jsonl}, without its line feed ({@code JSON.stringify(event)}). */
    public byte[] line() {
        return MonitorJson.toBytes(json);
    }

    public String id() {
        return event.id();
    }

    public String sessionId() {
        return event.sessionId();
    }

    public long timestamp() {
        return event.timestamp();
    }
}
