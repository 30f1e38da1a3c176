package io.contextuate.monitor.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Reads the lines of a byte range of a file by position, without loading the range at once. Line ends may be
 * {@code \n} or {@code \r\n}; a UTF-8 byte order mark at offset 0 is dropped.
 */
final class LineReader {

    /** Receives lines in file order. */
    @FunctionalInterface
    interface LineSink {
        void accept(Line line) throws IOException;
    }

    private static final int CHUNK = 64 * 1024;

    private LineReader() {
    }

    /**
     * Reads {@code [start, end)}, which must begin at the start of a line.
     *
     * @param firstNumber the line number of the line at {@code start}
     */
    static void read(FileChannel channel, long start, long end, long firstNumber, LineSink sink) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, end - start)));
        byte[] pending = new byte[256];
        int pendingLength = 0;
        long lineStart = start;
        long number = firstNumber;
        long position = start;
        while (position < end) {
            chunk.clear();
            chunk.limit((int) Math.min(chunk.capacity(), end - position));
            int n = channel.read(chunk, position);
            if (n < 0) {
                break;
            }
            byte[] bytes = chunk.array();
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    pending = append(pending, pendingLength, bytes, from, i - from);
                    pendingLength += i - from;
                    long lineEnd = position + i + 1;
                    sink.accept(line(lineStart, lineEnd, number++, pending, pendingLength, true));
                    pendingLength = 0;
                    lineStart = lineEnd;
                    from = i + 1;
                }
            }
            pending = append(pending, pendingLength, bytes, from, n - from);
            pendingLength += n - from;
            position += n;
        }
        if (pendingLength > 0) {
            sink.accept(line(lineStart, position, number, pending, pendingLength, false));
        }
    }

    private static byte[] append(byte[] target, int length, byte[] source, int from, int count) {
        byte[] t = target;
        if (length + count > t.length) {
            t = Arrays.copyOf(t, Math.max(length + count, t.length * 2));
        }
        System.arraycopy(source, from, t, length, count);
        return t;
    }

    private static Line line(long start, long end, long number, byte[] bytes, int length, boolean terminated) {
        return new Line(start, end, number, Arrays.copyOf(bytes, length), terminated);
    }
}
