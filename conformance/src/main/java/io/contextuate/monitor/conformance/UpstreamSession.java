package io.contextuate.monitor.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.SessionMeta;

/**
 * One generated session record in both forms: the raw {@code meta.json} object (member order included) and the
 * record a reader makes of it. A store given {@link #meta()} must give back something JSON-equal to {@link #json()}.
 *
 * @param json the original JSON object, never to be mutated
 * @param meta the record read from {@link #metaJson()} with {@link MonitorJson#readSession(byte[])}
 */
public record UpstreamSession(ObjectNode json, SessionMeta meta) {

    /** Reads the record from the object's {@code meta.json} bytes, as a reader of the file layout would. */
    public static UpstreamSession of(ObjectNode json) {
        return new UpstreamSession(json, MonitorJson.readSession(MonitorJson.toUpstreamPretty(json)));
    }

    /** The bytes of {@code meta.json}: {@code JSON.stringify(session, null, 2)}, no final line feed. */
    public byte[] metaJson() {
        return MonitorJson.toUpstreamPretty(json);
    }

    public String sessionId() {
        return meta.sessionId();
    }
}
