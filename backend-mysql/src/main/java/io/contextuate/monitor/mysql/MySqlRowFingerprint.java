package io.contextuate.monitor.mysql;

import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.JsonText;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The fingerprint of an events row, made on the client exactly as {@link MySqlFingerprintStatements} makes it on the
 * server: CRC-32 in the upper 32 bits and CRC-32C in the lower, both of the columns {@code id, session_id, timestamp,
 * parent_session_id, machine_id, working_directory, event_type, event_type_other, hook_type, hook_type_other, data,
 * extra, record_json} joined by the byte 0x1F, each as its UTF-8 bytes (the timestamp in decimal) and a NULL as the
 * one byte 0x00 (no column holds U+0000, so that byte is never a column's own).
 */
final class MySqlRowFingerprint {

    private static final byte SEPARATOR = 0x1F;
    private static final byte[] NULL = {0};

    private MySqlRowFingerprint() {
    }

    /** The fingerprint of the row. */
    static long of(EventRow r) {
        CRC32 crc32 = new CRC32();
        CRC32C crc32c = new CRC32C();
        Object[] columns = {r.id(), r.sessionId(), Long.toString(r.timestamp()), r.parentSessionId(), r.machineId(),
                r.workingDirectory(), r.eventType(), r.eventTypeOther(), r.hookType(), r.hookTypeOther(), r.data(),
                r.extra(), r.recordJson()};
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                crc32.update(SEPARATOR);
                crc32c.update(SEPARATOR);
            }
            Object column = columns[i];
            byte[] bytes = column == null ? NULL
                    : column instanceof JsonText json ? json.utf8() : ((String) column).getBytes(StandardCharsets.UTF_8);
            crc32.update(bytes);
            crc32c.update(bytes);
        }
        return crc32.getValue() << 32 | crc32c.getValue();
    }
}
