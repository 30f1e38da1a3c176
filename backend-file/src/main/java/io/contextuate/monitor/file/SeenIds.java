package io.contextuate.monitor.file;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event ids a single pass over an events file has met, kept as their {@link IdHash} and the offset of the line
 * that first held each: 16 bytes a slot in an open-addressing table (about 32 MiB for a million distinct ids), never
 * the ids themselves. A hit is only a candidate: the caller re-reads the line at the offset to compare ids. Two ids
 * with one hash (rare) are kept apart by further offsets under that hash.
 */
final class SeenIds {

    private static final long FREE = -1;

    private long[] hashes = new long[1024];
    private long[] offsets = filledWithFree(1024);
    private int size;
    /** Further first offsets for hashes that two different ids share. */
    private final Map<Long, List<Long>> collisions = new HashMap<>();

    /** The offsets of lines that first held an id with this hash (usually none or one). */
    List<Long> offsetsOf(long hash) {
        int slot = find(hash);
        if (offsets[slot] == FREE) {
            return List.of();
        }
        List<Long> more = collisions.get(hash);
        if (more == null) {
            return List.of(offsets[slot]);
        }
        List<Long> all = new ArrayList<>(more.size() + 1);
        all.add(offsets[slot]);
        all.addAll(more);
        return all;
    }

    /** Records the first line holding an id with this hash; {@code offset} is not negative. */
    void add(long hash, long offset) {
        int slot = find(hash);
        if (offsets[slot] != FREE) {
            collisions.computeIfAbsent(hash, h -> new ArrayList<>()).add(offset);
            return;
        }
        hashes[slot] = hash;
        offsets[slot] = offset;
        if (++size > hashes.length * 3 / 4) {
            grow();
        }
    }

    private int find(long hash) {
        int mask = hashes.length - 1;
        int slot = (int) (mix(hash) & mask);
        while (offsets[slot] != FREE && hashes[slot] != hash) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldHashes = hashes;
        long[] oldOffsets = offsets;
        hashes = new long[oldHashes.length * 2];
        offsets = filledWithFree(oldHashes.length * 2);
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldOffsets[i] != FREE) {
                int slot = find(oldHashes[i]);
                hashes[slot] = oldHashes[i];
                offsets[slot] = oldOffsets[i];
            }
        }
    }

    private static long mix(long h) {
        long x = h * 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 29);
    }

    private static long[] filledWithFree(int n) {
        long[] a = new long[n];
        Arrays.fill(a, FREE);
        return a;
    }
}
