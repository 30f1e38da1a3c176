package io.contextuate.monitor.file;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The on-disk form of a {@link SessionIndex} ({@code .index/<sessionId>.idx}): a versioned binary file ending in a
 * CRC-32 of everything before it. Anything unreadable (missing, cut short, corrupted, another version) reads as
 * absent, and the index is rebuilt from the events file.
 */
final class IndexFile {

    private static final Logger LOG = LoggerFactory.getLogger(IndexFile.class);
    private static final int MAGIC = 0x434D4958; // "CMIX"
    /** 2: a line whose {@code sessionId} is not its folder's name is no longer indexed as an event. */
    private static final int VERSION = 2;

    private IndexFile() {
    }

    static Optional<SessionIndex> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.debug("Cannot read index {}, rebuilding it: {}", file, e.toString());
            return Optional.empty();
        }
        try {
            return Optional.of(decode(bytes));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Index {} is damaged, rebuilding it: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /** Writes the index atomically; failure only costs a rebuild later, so it is logged, not thrown. */
    static void write(Path file, SessionIndex index) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.write(temp, encode(index));
                AtomicFiles.move(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
            index.markPersisted();
        } catch (IOException e) {
            LOG.debug("Cannot write index {} (reads stay correct, only slower): {}", file, e.toString());
        }
    }

    private static byte[] encode(SessionIndex index) {
        List<IndexBlock> blocks = index.blocks();
        long size = 4 + 4 + 8 + 8 + 8 + 4 + Long.BYTES;
        for (IndexBlock b : blocks) {
            size += 8 + 8 + 8 + 4 + 8 + 8 + 4 + 4L * b.duplicateLines().length + 4 + 8L * b.idHashes().length;
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size));
        out.putInt(MAGIC).putInt(VERSION).putLong(index.indexedEnd()).putLong(index.nextLine())
                .putLong(index.fingerprint()).putInt(blocks.size());
        for (IndexBlock b : blocks) {
            out.putLong(b.start()).putLong(b.end()).putLong(b.firstLine()).putInt(b.lineCount())
                    .putLong(b.minTimestamp()).putLong(b.maxTimestamp());
            out.putInt(b.duplicateLines().length);
            out.asIntBuffer().put(b.duplicateLines());
            out.position(out.position() + 4 * b.duplicateLines().length);
            out.putInt(b.idHashes().length);
            out.asLongBuffer().put(b.idHashes());
            out.position(out.position() + 8 * b.idHashes().length);
        }
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putLong(crc.getValue());
        return out.array();
    }

    private static SessionIndex decode(byte[] bytes) throws IOException {
        if (bytes.length < Long.BYTES) {
            throw new IOException("too short");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - Long.BYTES);
        if (in.getLong(bytes.length - Long.BYTES) != crc.getValue()) {
            throw new IOException("checksum mismatch");
        }
        in.limit(bytes.length - Long.BYTES);
        if (in.getInt() != MAGIC || in.getInt() != VERSION) {
            throw new IOException("not an index of this version");
        }
        long indexedEnd = in.getLong();
        long nextLine = in.getLong();
        long fingerprint = in.getLong();
        int count = in.getInt();
        List<IndexBlock> blocks = new ArrayList<>(count);
        long expectedStart = 0;
        for (int i = 0; i < count; i++) {
            long start = in.getLong();
            long end = in.getLong();
            long firstLine = in.getLong();
            int lines = in.getInt();
            long min = in.getLong();
            long max = in.getLong();
            int[] duplicates = new int[in.getInt()];
            in.asIntBuffer().get(duplicates);
            in.position(in.position() + 4 * duplicates.length);
            long[] hashes = new long[in.getInt()];
            in.asLongBuffer().get(hashes);
            in.position(in.position() + 8 * hashes.length);
            if (start != expectedStart || end <= start || lines < 1) {
                throw new IOException("blocks are not contiguous at block " + i);
            }
            expectedStart = end;
            Arrays.sort(duplicates);
            blocks.add(new IndexBlock(start, end, firstLine, lines, min, max, duplicates, hashes));
        }
        if (expectedStart != indexedEnd || in.hasRemaining()) {
            throw new IOException("blocks end at " + expectedStart + ", not at " + indexedEnd);
        }
        return new SessionIndex(blocks, indexedEnd, nextLine, fingerprint);
    }
}
