package io.contextuate.monitor.sql.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Tests on eight bytes of text at once, for the loops that scan every byte of a payload: a word in which no byte
 * needs a look is skipped whole. Each test is exact (the classic zero-byte test on the word).
 */
public final class ByteWords {

    /** The number of bytes in a word. */
    public static final int SIZE = Long.BYTES;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private ByteWords() {
    }

    /** The eight bytes from {@code at} (which must leave eight bytes in the array) as one word. */
    public static long at(byte[] bytes, int at) {
        return (long) LONGS.get(bytes, at);
    }

    /** Whether every byte of the word is ASCII. */
    public static boolean isAscii(long word) {
        return (word & HIGH_BITS) == 0;
    }

    /** Whether a byte of the word equals {@code value} (an ASCII byte). */
    public static boolean has(long word, int value) {
        long x = word ^ (ONES * value);
        return ((x - ONES) & ~x & HIGH_BITS) != 0;
    }

    /** Whether a byte of the word is below {@code bound} (at most 128), taking the bytes as unsigned. */
    public static boolean hasBelow(long word, int bound) {
        return ((word - ONES * bound) & ~word & HIGH_BITS) != 0;
    }
}
