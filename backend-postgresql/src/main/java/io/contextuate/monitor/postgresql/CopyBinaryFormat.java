package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.JsonText;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Event rows in PostgreSQL's binary COPY format, in the column order of {@link PostgresBulkStatements#COPY_INTO_EVENTS}:
 * a signature, then per row its number of columns and each value as its length and its bytes. The server reads
 * text, varchar and enum values as their UTF-8 bytes and {@code jsonb} as a version byte before the JSON text, so
 * nothing is escaped on either side: a payload goes out as the bytes it was read as, and the server skips the text
 * format's parsing. Strings reaching here passed {@code RowMapping}, so they hold no U+0000 and no unpaired
 * surrogate and encode to UTF-8 exactly.
 */
final class CopyBinaryFormat {

    /** The signature, the flags (no OIDs) and the length of the header extension (none). */
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    private static final int EVENT_COLUMNS = 13;
    private static final byte JSONB_VERSION = 1;
    private static final int NULL = -1;

    private byte[] buffer;
    private int length;

    /** Data with room for about {@code capacity} bytes, starting with the signature. */
    CopyBinaryFormat(int capacity) {
        this.buffer = new byte[Math.max(capacity, 64)];
        append(SIGNATURE, SIGNATURE.length);
    }

    /**
     * Appends the row, preceded by the ordinal when it is not negative
     * ({@link PostgresBulkStatements#COPY_INTO_STAGING}).
     */
    void append(int ordinal, EventRow r) {
        if (ordinal >= 0) {
            int16(EVENT_COLUMNS + 1);
            integer(ordinal);
        } else {
            int16(EVENT_COLUMNS);
        }
        columns(r);
    }

    /** Appends the row followed by its session's bucket ({@link PartitionedBulkStatements#COPY_INTO_EVENTS}). */
    void append(EventRow r, long bucket) {
        int16(EVENT_COLUMNS + 1);
        columns(r);
        bigint(bucket);
    }

    /** Appends the trailer that ends the data. */
    void end() {
        int16(-1);
    }

    /** The buffer holding the data; valid up to {@link #length()}, until the next append or {@link #clear()}. */
    byte[] buffer() {
        return buffer;
    }

    /** How many bytes of data the buffer holds. */
    int length() {
        return length;
    }

    /** Empties the buffer (once its data went to the server), keeping its room. */
    void clear() {
        length = 0;
    }

    private void columns(EventRow r) {
        text(r.id());
        text(r.sessionId());
        bigint(r.timestamp());
        text(r.parentSessionId());
        text(r.machineId());
        text(r.workingDirectory());
        text(r.eventType());
        text(r.eventTypeOther());
        text(r.hookType());
        text(r.hookTypeOther());
        jsonb(r.data());
        jsonb(r.extra() == null ? null : JsonText.of(r.extra()));
        text(r.recordJson());
    }

    private void text(String value) {
        if (value == null) {
            int32(NULL);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int32(utf8.length);
        append(utf8, utf8.length);
    }

    private void jsonb(JsonText value) {
        if (value == null) {
            int32(NULL);
            return;
        }
        byte[] utf8 = value.utf8();
        int32(1 + utf8.length);
        room(1);
        buffer[length++] = JSONB_VERSION;
        append(utf8, utf8.length);
    }

    private void int16(int value) {
        room(2);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void int32(int value) {
        room(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    /** An {@code integer} value: its length and its four bytes. */
    private void integer(int value) {
        int32(4);
        int32(value);
    }

    /** A {@code bigint} value: its length and its eight bytes. */
    private void bigint(long value) {
        int32(8);
        room(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    private void append(byte[] bytes, int count) {
        room(count);
        System.arraycopy(bytes, 0, buffer, length, count);
        length += count;
    }

    private void room(int bytes) {
        if (length + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + bytes));
        }
    }
}
