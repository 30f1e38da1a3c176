package io.contextuate.monitor.file;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The index of one events file as it grows: blocks of whole lines covering the file from its start to
 * {@link #indexedEnd()}. Not thread-safe: its owner changes it only under the session's lock.
 */
final class SessionIndex {

    static final int MAX_BLOCK_LINES = 256;
    static final long MAX_BLOCK_BYTES = 1L << 20;

    private final List<IndexBlock> blocks;
    private long indexedEnd;
    private long nextLine;
    private long eventCount;
    private long fingerprint;
    private long unpersistedLines;
    private Map<Long, Integer> hashCounts;

    SessionIndex() {
        this(new ArrayList<>(), 0, 1, IndexFingerprint.EMPTY);
    }

    SessionIndex(List<IndexBlock> blocks, long indexedEnd, long nextLine, long fingerprint) {
        this.blocks = new ArrayList<>(blocks);
        this.indexedEnd = indexedEnd;
        this.nextLine = nextLine;
        this.fingerprint = fingerprint;
        this.eventCount = blocks.stream().mapToLong(IndexBlock::eventCount).sum();
    }

    long indexedEnd() {
        return indexedEnd;
    }

    long nextLine() {
        return nextLine;
    }

    long eventCount() {
        return eventCount;
    }

    long fingerprint() {
        return fingerprint;
    }

    List<IndexBlock> blocks() {
        return List.copyOf(blocks);
    }

    long unpersistedLines() {
        return unpersistedLines;
    }

    void markPersisted() {
        unpersistedLines = 0;
    }

    /** Whether an event with this id hash may be in the indexed part (exact only when {@code false}). */
    boolean mayContain(long idHash) {
        return eventCount > 0 && hashCounts().containsKey(idHash);
    }

    /** The blocks holding an event whose id has this hash. */
    List<IndexBlock> blocksWithHash(long idHash) {
        List<IndexBlock> found = new ArrayList<>();
        for (IndexBlock b : blocks) {
            if (b.mayHoldId(idHash)) {
                found.add(b);
            }
        }
        return found;
    }

    /**
     * Adds whole lines that follow the indexed part directly.
     *
     * @param newFingerprint the fingerprint of the file up to the new end
     */
    void add(List<IndexedLine> lines, long newFingerprint) {
        if (lines.isEmpty()) {
            return;
        }
        BlockBuilder builder = reopenLastBlock(lines.get(0));
        for (IndexedLine line : lines) {
            if (builder.isFull()) {
                blocks.add(builder.build());
                builder = new BlockBuilder(line.start(), line.number());
            }
            builder.add(line);
            if (line.kind() == IndexedLine.Kind.EVENT) {
                eventCount++;
                if (hashCounts != null) {
                    hashCounts.merge(line.idHash(), 1, Integer::sum);
                }
            }
        }
        blocks.add(builder.build());
        IndexedLine last = lines.get(lines.size() - 1);
        indexedEnd = last.end();
        nextLine = last.number() + 1;
        fingerprint = newFingerprint;
        unpersistedLines += lines.size();
    }

    private BlockBuilder reopenLastBlock(IndexedLine first) {
        if (!blocks.isEmpty()) {
            IndexBlock last = blocks.get(blocks.size() - 1);
            if (last.end() == first.start() && last.lineCount() < MAX_BLOCK_LINES
                    && last.end() - last.start() < MAX_BLOCK_BYTES) {
                blocks.remove(blocks.size() - 1);
                return BlockBuilder.from(last);
            }
        }
        return new BlockBuilder(first.start(), first.number());
    }

    private Map<Long, Integer> hashCounts() {
        if (hashCounts == null) {
            Map<Long, Integer> counts = new HashMap<>();
            for (IndexBlock b : blocks) {
                for (long h : b.idHashes()) {
                    counts.merge(h, 1, Integer::sum);
                }
            }
            hashCounts = counts;
        }
        return hashCounts;
    }

    /** Collects the lines of one block. */
    private static final class BlockBuilder {
        private final long start;
        private final long firstLine;
        private long end;
        private int lineCount;
        private long min = Long.MAX_VALUE;
        private long max = Long.MIN_VALUE;
        private final List<Integer> duplicates = new ArrayList<>();
        private long[] hashes = new long[16];
        private int hashCount;

        BlockBuilder(long start, long firstLine) {
            this.start = start;
            this.firstLine = firstLine;
            this.end = start;
        }

        static BlockBuilder from(IndexBlock b) {
            BlockBuilder builder = new BlockBuilder(b.start(), b.firstLine());
            builder.end = b.end();
            builder.lineCount = b.lineCount();
            builder.min = b.minTimestamp();
            builder.max = b.maxTimestamp();
            for (int d : b.duplicateLines()) {
                builder.duplicates.add(d);
            }
            builder.hashes = Arrays.copyOf(b.idHashes(), Math.max(16, b.idHashes().length * 2));
            builder.hashCount = b.idHashes().length;
            return builder;
        }

        boolean isFull() {
            return lineCount >= MAX_BLOCK_LINES || end - start >= MAX_BLOCK_BYTES;
        }

        void add(IndexedLine line) {
            switch (line.kind()) {
                case EVENT -> {
                    min = Math.min(min, line.timestamp());
                    max = Math.max(max, line.timestamp());
                    if (hashCount == hashes.length) {
                        hashes = Arrays.copyOf(hashes, hashes.length * 2);
                    }
                    hashes[hashCount++] = line.idHash();
                }
                case DUPLICATE -> duplicates.add(lineCount);
                case OTHER -> { }
            }
            lineCount++;
            end = line.end();
        }

        IndexBlock build() {
            return new IndexBlock(start, end, firstLine, lineCount, min, max,
                    duplicates.stream().mapToInt(Integer::intValue).toArray(),
                    Arrays.copyOf(hashes, hashCount));
        }
    }
}
