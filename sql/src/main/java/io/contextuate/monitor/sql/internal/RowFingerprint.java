package io.contextuate.monitor.sql.internal;

import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.JsonText;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The fingerprint of an events row, made on the client exactly as a dialect's SQL makes it on the server: the bytes
 * and checksums {@link io.contextuate.monitor.sql.SqlDialect#sessionFingerprint} describes (no column holds
 * U+0000, so the byte 0x00 standing for a NULL is never a column's own).
 */
public final class RowFingerprint {

    private static final byte SEPARATOR = 0x1F;
    private static final byte[] NULL = {0};

    private RowFingerprint() {
    }

    /** The fingerprint of the row: its CRC-32 in the upper 32 bits, its CRC-32C in the lower. */
    public static long of(EventRow r) {
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
