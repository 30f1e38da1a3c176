package io.contextuate.monitor.mysql;

import io.contextuate.monitor.sql.EventRow;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Event rows as the text {@code LOAD DATA} reads with its default field and line format: tab-separated columns in
 * the order of {@link MySqlStatements#EVENT_INSERT_COLUMNS}, one row a line, {@code \N} for NULL, backslash escapes
 * for backslash, tab, line feed, carriage return and NUL; UTF-8 (the statement says {@code CHARACTER SET utf8mb4}).
 *
 * <p>The text is made as the driver reads it, a few rows at a time, so the server is already inserting the first
 * rows while the last are being written.
 */
final class LoadDataText extends InputStream {

    /** About what one read hands the driver (it sends each read as a packet). */
    private static final int PIECE = 64 * 1024;

    private final List<EventRow> rows;
    private byte[] piece = new byte[PIECE + 16 * 1024];
    private int length;
    private int position;
    private int next;

    /** The rows, in list order (the server inserts them in file order, so {@code seq} follows it). */
    LoadDataText(List<EventRow> rows) {
        this.rows = rows;
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        return piece[position++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int count) {
        if (count == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(count, length - position);
        System.arraycopy(piece, position, target, offset, n);
        position += n;
        return n;
    }

    /** Makes the next piece when the current one is used up; false at the end of the rows. */
    private boolean fill() {
        if (position < length) {
            return true;
        }
        if (next >= rows.size()) {
            return false;
        }
        length = 0;
        position = 0;
        while (next < rows.size() && length < PIECE) {
            append(rows.get(next++));
        }
        return true;
    }

    private void append(EventRow row) {
        field(row.id(), '\t');
        field(row.sessionId(), '\t');
        field(Long.toString(row.timestamp()), '\t');
        field(row.parentSessionId(), '\t');
        field(row.machineId(), '\t');
        field(row.workingDirectory(), '\t');
        field(row.eventType(), '\t');
        field(row.eventTypeOther(), '\t');
        field(row.hookType(), '\t');
        field(row.hookTypeOther(), '\t');
        field(row.data(), '\t');
        field(row.extra(), '\t');
        field(row.recordJson(), '\n');
    }

    /** The value escaped and encoded as UTF-8 (an unpaired surrogate as '?', as {@link String#getBytes} does). */
    private void field(String value, char end) {
        if (value == null) {
            room(3);
            piece[length++] = '\\';
            piece[length++] = 'N';
            piece[length++] = (byte) end;
            return;
        }
        int size = value.length();
        room(size * 3 + 1); // the most one char becomes: 3 bytes, or 2 escaped, or half of a 4-byte pair
        byte[] out = piece;
        int at = length;
        for (int i = 0; i < size; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> { out[at++] = '\\'; out[at++] = '\\'; }
                    case '\t' -> { out[at++] = '\\'; out[at++] = 't'; }
                    case '\n' -> { out[at++] = '\\'; out[at++] = 'n'; }
                    case '\r' -> { out[at++] = '\\'; out[at++] = 'r'; }
                    case '\0' -> { out[at++] = '\\'; out[at++] = '0'; }
                    default -> out[at++] = (byte) c;
                }
            } else if (c < 0x800) {
                out[at++] = (byte) (0xc0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < size && Character.isLowSurrogate(value.charAt(i + 1))) {
                int code = Character.toCodePoint(c, value.charAt(++i));
                out[at++] = (byte) (0xf0 | (code >> 18));
                out[at++] = (byte) (0x80 | ((code >> 12) & 0x3f));
                out[at++] = (byte) (0x80 | ((code >> 6) & 0x3f));
                out[at++] = (byte) (0x80 | (code & 0x3f));
            } else if (Character.isSurrogate(c)) {
                out[at++] = '?';
            } else {
                out[at++] = (byte) (0xe0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                out[at++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        out[at++] = (byte) end;
        length = at;
    }

    private void room(int bytes) {
        if (length + bytes > piece.length) {
            piece = Arrays.copyOf(piece, Math.max(piece.length * 2, length + bytes));
        }
    }
}
