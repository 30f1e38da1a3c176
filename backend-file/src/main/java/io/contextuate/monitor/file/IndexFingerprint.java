package io.contextuate.monitor.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;

/**
 * A cheap check that the indexed prefix of an events file is still the one that was indexed: a CRC-32 of its
 * length, its first 4 KiB and its last 4 KiB. Events files only grow, so this catches a file deleted and written
 * again, or replaced, without reading it whole.
 */
final class IndexFingerprint {

    static final long EMPTY = 0;

    private static final int EDGE = 4096;

    private IndexFingerprint() {
    }

    static long of(FileChannel channel, long end) throws IOException {
        if (end == 0) {
            return EMPTY;
        }
        CRC32 crc = new CRC32();
        crc.update(ByteBuffer.allocate(Long.BYTES).putLong(0, end));
        crc.update(read(channel, 0, (int) Math.min(EDGE, end)));
        long tailStart = Math.max(0, end - EDGE);
        crc.update(read(channel, tailStart, (int) (end - tailStart)));
        return crc.getValue() | (1L << 40);
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                break;
            }
        }
        return buffer.flip();
    }
}
