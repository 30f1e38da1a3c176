package io.contextuate.monitor.file;

import java.util.Arrays;

/**
 * One line of an events file.
 *
 * @param start      the byte offset of its first byte
 * @param end        the byte offset just after it, line feed included
 * @param number     its 1-based line number
 * @param raw        its bytes as they are in the file, without the line feed
 * @param terminated whether a line feed ends it (only the last line of a file can lack one)
 */
record Line(long start, long end, long number, byte[] raw, boolean terminated) {

    /** The line's JSON text: {@link #raw()} without a byte order mark at the start of the file or a final CR. */
    byte[] content() {
        int from = start == 0 && raw.length >= 3
                && raw[0] == (byte) 0xEF && raw[1] == (byte) 0xBB && raw[2] == (byte) 0xBF ? 3 : 0;
        int to = raw.length > from && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        return from == 0 && to == raw.length ? raw : Arrays.copyOfRange(raw, from, to);
    }

    /** Whether the line holds nothing but white space. */
    boolean isBlank() {
        for (byte b : content()) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
