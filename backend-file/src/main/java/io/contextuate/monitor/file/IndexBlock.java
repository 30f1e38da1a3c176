package io.contextuate.monitor.file;

import java.util.Arrays;

/**
 * A run of consecutive whole lines of an events file, summarised so reads can tell without parsing whether it may
 * hold events they want.
 *
 * @param start          byte offset of its first line
 * @param end            byte offset after its last line feed
 * @param firstLine      1-based number of its first line
 * @param lineCount      how many lines it spans
 * @param minTimestamp   smallest timestamp of its events ({@link Long#MAX_VALUE} when it has none)
 * @param maxTimestamp   largest timestamp of its events ({@link Long#MIN_VALUE} when it has none)
 * @param duplicateLines 0-based positions in the block of lines that repeat an earlier event id, ascending
 * @param idHashes       the {@link IdHash} of each event the block holds, in file order
 */
record IndexBlock(long start, long end, long firstLine, int lineCount, long minTimestamp, long maxTimestamp,
                  int[] duplicateLines, long[] idHashes) {

    /** How many events (first occurrences) it holds. */
    int eventCount() {
        return idHashes.length;
    }

    boolean isDuplicate(int positionInBlock) {
        return Arrays.binarySearch(duplicateLines, positionInBlock) >= 0;
    }

    /** Whether an event of this block may lie strictly between the bounds ({@code null}: unbounded). */
    boolean mayHoldBetween(Long after, Long before) {
        return eventCount() > 0
                && (before == null || minTimestamp < before)
                && (after == null || maxTimestamp > after);
    }

    boolean mayHoldId(long idHash) {
        for (long h : idHashes) {
            if (h == idHash) {
                return true;
            }
        }
        return false;
    }
}
