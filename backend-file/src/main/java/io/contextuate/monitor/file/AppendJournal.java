package io.contextuate.monitor.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The note an append of this store leaves in {@code .index/<sessionId>.append} while its write is in flight: where
 * the events file ended before it, how many bytes it writes and how they begin. Written and forced to the disk
 * before the write, removed after it; one left behind means the write may have been cut short (the process killed or
 * the machine stopped), and tells the next writer which cut-short last line is its own (see {@link EventAppender}).
 * A note that cannot be read whole (cut short itself) reads as none: its write had not started.
 */
final class AppendJournal {

    /** How many bytes of the write it keeps, to recognise where the write landed. */
    static final int HEAD_BYTES = 256;
    private static final int MAGIC = 0x434D414A; // "CMAJ"

    /**
     * An append in flight.
     *
     * @param fileEnd the events file's length before the write (the write lands there or after upstream's lines)
     * @param length  how many bytes the write holds
     * @param head    its first bytes, at most {@link #HEAD_BYTES}
     */
    record Entry(long fileEnd, long length, byte[] head) {
    }

    private AppendJournal() {
    }

    /** Records, durably, that {@code length} bytes of {@code bytes} from {@code from} are about to be appended. */
    static void record(Path journal, long fileEnd, byte[] bytes, int from, int length) throws IOException {
        int headLength = Math.min(HEAD_BYTES, length);
        ByteBuffer out = ByteBuffer.allocate(4 + 8 + 8 + 4 + headLength + 8);
        out.putInt(MAGIC).putLong(fileEnd).putLong(length).putInt(headLength).put(bytes, from, headLength);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putLong(crc.getValue()).flip();
        Files.createDirectories(journal.getParent());
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.force(false);
        }
    }

    /** The append in flight that was not cleared, if any. */
    static Optional<Entry> read(Path journal) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(journal);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
        if (all.length < 4 + 8 + 8 + 4 + 8) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(all);
        if (in.getInt() != MAGIC) {
            return Optional.empty();
        }
        long fileEnd = in.getLong();
        long length = in.getLong();
        int headLength = in.getInt();
        if (headLength < 0 || headLength > HEAD_BYTES || all.length != in.position() + headLength + 8) {
            return Optional.empty();
        }
        byte[] head = Arrays.copyOfRange(all, in.position(), in.position() + headLength);
        CRC32C crc = new CRC32C();
        crc.update(all, 0, all.length - 8);
        if (ByteBuffer.wrap(all, all.length - 8, 8).getLong() != crc.getValue()) {
            return Optional.empty();
        }
        return Optional.of(new Entry(fileEnd, length, head));
    }

    /** Removes the note once its write is complete (or repaired). */
    static void clear(Path journal) throws IOException {
        Files.deleteIfExists(journal);
    }
}
