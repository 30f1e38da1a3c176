package io.contextuate.monitor.spi.log;

import java.util.Objects;

/**
 * How far an events file was read: which file, the offset just after the last whole line read, the number of lines
 * before it, and a checksum of the bytes just before the offset. A file that was replaced, truncated, or truncated
 * and written again longer no longer fits the position, and {@link EventLog#read} starts it over.
 *
 * @param fileKey  the identity of the file ({@link FileVersion#fileKey()}); empty for {@link #START}
 * @param offset   the byte offset of the next unread line
 * @param lines    how many lines lie before {@code offset}
 * @param checksum a checksum of up to {@link #CHECKED_BYTES} bytes before {@code offset}
 */
public record LogPosition(String fileKey, long offset, long lines, long checksum) {

    /** How many bytes before the offset the checksum covers. */
    public static final int CHECKED_BYTES = 256;

    /** The start of any file. */
    public static final LogPosition START = new LogPosition("", 0, 0, 0);

    public LogPosition {
        Objects.requireNonNull(fileKey, "fileKey");
        if (offset < 0 || lines < 0) {
            throw new IllegalArgumentException("offset and lines must not be negative: " + offset + ", " + lines);
        }
    }

    /** Whether nothing was read yet. */
    public boolean atStart() {
        return offset == 0;
    }
}
