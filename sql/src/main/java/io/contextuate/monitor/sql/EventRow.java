package io.contextuate.monitor.sql;

import io.contextuate.monitor.spi.MayChange;

/**
 * An event as the columns of the events table hold it. JSON columns are JSON text.
 *
 * @param seq              the save-order sequence, {@code null} before the row is written
 * @param id               event id
 * @param sessionId        session id
 * @param timestamp        Unix ms
 * @param parentSessionId  parent session id, or {@code null}
 * @param machineId        machine id (sanitized when the record needs {@code recordJson})
 * @param workingDirectory working directory (sanitized likewise)
 * @param eventType        a known event type, or {@code null} when {@code eventTypeOther} holds it
 * @param eventTypeOther   an event type the schema does not know, verbatim, or {@code null}
 * @param hookType         a known hook type, or {@code null} when {@code hookTypeOther} holds it
 * @param hookTypeOther    a hook type the schema does not know, verbatim, or {@code null}
 * @param data             the payload as JSON text (held as UTF-8 when it was read so)
 * @param extra            unknown top-level members as a JSON object text, or {@code null} when none
 * @param recordJson       the exact record as JSON text when the columns cannot hold it exactly, else {@code null}
 */
@MayChange("components follow the events table; one may be added with a new member of the model")
public record EventRow(Long seq, String id, String sessionId, long timestamp, String parentSessionId,
                       String machineId, String workingDirectory, String eventType, String eventTypeOther,
                       String hookType, String hookTypeOther, JsonText data, String extra, String recordJson) {

    /** A rough size in bytes, for batching by bytes. */
    public long estimatedBytes() {
        return 256L + data.length() + (extra == null ? 0 : extra.length())
                + (recordJson == null ? 0 : recordJson.length()) + workingDirectory.length();
    }
}
