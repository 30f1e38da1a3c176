package io.contextuate.monitor.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Reads the lines of a byte range of a file by position, one after the other, without loading the range at once.
 * Line ends may be {@code \n} or {@code \r\n}; a UTF-8 byte order mark at offset 0 is dropped (see
 * {@link Line#content()}). The last line of the range may lack a line feed.
 */
final class LineReader {

    /** Receives lines in file order. */
    @FunctionalInterface
    interface LineSink {
        void accept(Line line) throws IOException;
    }

    private static final int CHUNK = 64 * 1024;

    private final FileChannel channel;
    private final long end;
    private final ByteBuffer chunk;
    private byte[] pending = new byte[256];
    private int pendingLength;
    private long lineStart;
    private long number;
    /** File offset of the chunk's first byte. */
    private long chunkStart;
    private int chunkLength;
    private int chunkPosition;
    private boolean exhausted;

    /**
     * A reader of {@code [start, end)}, which must begin at the start of a line.
     *
     * @param firstNumber the line number of the line at {@code start}
     */
    LineReader(FileChannel channel, long start, long end, long firstNumber) {
        this.channel = channel;
        this.end = end;
        this.chunk = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, end - start)));
        this.lineStart = start;
        this.number = firstNumber;
        this.chunkStart = start;
    }

    /** Reads the whole range, handing each line to the sink. */
    static void read(FileChannel channel, long start, long end, long firstNumber, LineSink sink) throws IOException {
        LineReader reader = new LineReader(channel, start, end, firstNumber);
        for (Line line = reader.next(); line != null; line = reader.next()) {
            sink.accept(line);
        }
    }

    /** The 1-based number of the line that starts at {@code offset} (it reads the file up to there). */
    static long numberOfLineAt(FileChannel channel, long offset) throws IOException {
        long number = 1;
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        for (long position = 0; position < offset; ) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), offset - position));
            int n = channel.read(chunk, position);
            if (n <= 0) {
                break;
            }
            byte[] bytes = chunk.array(); // indexing the array: several times faster than get(i) under the quick JIT
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    number++;
                }
            }
            position += n;
        }
        return number;
    }

    /** The next line, or {@code null} at the end of the range. */
    Line next() throws IOException {
        while (true) {
            byte[] bytes = chunk.array();
            for (int i = chunkPosition; i < chunkLength; i++) {
                if (bytes[i] == '\n') {
                    append(bytes, chunkPosition, i - chunkPosition);
                    long lineEnd = chunkStart + i + 1;
                    Line line = line(lineEnd, true);
                    lineStart = lineEnd;
                    chunkPosition = i + 1;
                    return line;
                }
            }
            append(bytes, chunkPosition, chunkLength - chunkPosition);
            chunkStart += chunkLength;
            chunkPosition = 0;
            chunkLength = 0;
            if (exhausted || chunkStart >= end || !fill()) {
                exhausted = true;
                if (pendingLength > 0) {
                    return line(chunkStart, false);
                }
                return null;
            }
        }
    }

    private boolean fill() throws IOException {
        chunk.clear();
        chunk.limit((int) Math.min(chunk.capacity(), end - chunkStart));
        int n = channel.read(chunk, chunkStart);
        if (n <= 0) {
            return false;
        }
        chunkLength = n;
        return true;
    }

    private void append(byte[] source, int from, int count) {
        if (pendingLength + count > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pendingLength + count, pending.length * 2));
        }
        System.arraycopy(source, from, pending, pendingLength, count);
        pendingLength += count;
    }

    private Line line(long lineEnd, boolean terminated) {
        Line line = new Line(lineStart, lineEnd, number++, Arrays.copyOf(pending, pendingLength), terminated);
        pendingLength = 0;
        return line;
    }
}
