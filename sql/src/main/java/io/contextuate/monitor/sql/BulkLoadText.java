package io.contextuate.monitor.sql;

import io.contextuate.monitor.sql.internal.ByteWords;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in the tab-separated text that both servers' bulk loads read by default (PostgreSQL's {@code COPY} text
 * format, MySQL's and MariaDB's {@code LOAD DATA} default format), as UTF-8 in a growing byte buffer: a tab
 * between columns, a line feed after each row, {@code \N} for NULL, and backslash, tab, line feed, carriage return
 * and NUL written as {@code \\}, {@code \t}, {@code \n}, {@code \r} and {@code \0}.
 *
 * <p>Each value is encoded to UTF-8 once and escaped on its bytes (the escaped characters are ASCII, which never
 * occurs inside a multi-byte UTF-8 sequence), copying the runs between escapes. Strings that passed
 * {@link RowMapping} hold no U+0000 and no unpaired surrogate (which would become {@code ?}).
 */
public final class BulkLoadText {

    /** For each byte, the letter that follows the backslash of its escape, or 0 when it stands as it is. */
    private static final byte[] ESCAPES = new byte[256];

    static {
        ESCAPES['\\'] = '\\';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
        ESCAPES[0] = '0';
    }

    private byte[] buffer;
    private int length;
    private boolean rowStarted;

    /** An empty text with room for about {@code capacity} bytes. */
    public BulkLoadText(int capacity) {
        this.buffer = new byte[Math.max(capacity, 64)];
    }

    /** Appends a text column, or NULL. */
    public BulkLoadText column(String value) {
        separate();
        if (value == null) {
            room(2);
            buffer[length++] = '\\';
            buffer[length++] = 'N';
            return this;
        }
        escaped(value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Appends a JSON column: its UTF-8 bytes as they are held, or its string encoded. */
    public BulkLoadText column(JsonText value) {
        separate();
        escaped(value.utf8());
        return this;
    }

    private void escaped(byte[] utf8) {
        room(utf8.length);
        int run = 0;
        for (int i = 0; i < utf8.length; i++) {
            // a word with no backslash and no control character holds nothing to escape
            while (i + ByteWords.SIZE <= utf8.length) {
                long word = ByteWords.at(utf8, i);
                if (ByteWords.has(word, '\\') || ByteWords.hasBelow(word, ' ')) {
                    break;
                }
                i += ByteWords.SIZE;
            }
            if (i >= utf8.length) {
                break;
            }
            byte escape = ESCAPES[utf8[i] & 0xff];
            if (escape != 0) {
                append(utf8, run, i - run);
                room(2 + utf8.length - i);
                buffer[length++] = '\\';
                buffer[length++] = escape;
                run = i + 1;
            }
        }
        append(utf8, run, utf8.length - run);
    }

    /** Appends a number column. */
    public BulkLoadText column(long value) {
        separate();
        room(20);
        if (value == Long.MIN_VALUE) {
            append(Long.toString(value).getBytes(StandardCharsets.US_ASCII), 0, 20);
            return this;
        }
        if (value < 0) {
            buffer[length++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int at = length + digits - 1; at >= length; at--) {
            buffer[at] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
        return this;
    }

    /** Ends the current row with a line feed. */
    public BulkLoadText endRow() {
        room(1);
        buffer[length++] = '\n';
        rowStarted = false;
        return this;
    }

    /** The buffer holding the text; valid up to {@link #length()}, until the next append or {@link #clear()}. */
    public byte[] buffer() {
        return buffer;
    }

    /** How many bytes of text the buffer holds. */
    public int length() {
        return length;
    }

    /** Empties the text, keeping the buffer. */
    public void clear() {
        length = 0;
        rowStarted = false;
    }

    private void separate() {
        if (rowStarted) {
            room(1);
            buffer[length++] = '\t';
        }
        rowStarted = true;
    }

    private void append(byte[] bytes, int from, int count) {
        if (count > 0) {
            room(count);
            System.arraycopy(bytes, from, buffer, length, count);
            length += count;
        }
    }

    private void room(int bytes) {
        if (length + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + bytes));
        }
    }
}
