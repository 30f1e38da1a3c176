package io.contextuate.monitor.mysql;

import io.contextuate.monitor.sql.BulkLoadText;
import io.contextuate.monitor.sql.EventRow;

import java.io.InputStream;
import java.util.List;

/**
 * Event rows as the text {@code LOAD DATA} reads with its default field and line format ({@link BulkLoadText}), in
 * the column order of {@link MySqlStatements#EVENT_INSERT_COLUMNS}; UTF-8 (the statement says
 * {@code CHARACTER SET utf8mb4}).
 *
 * <p>The text is made as the driver reads it, a few rows at a time, so the server is already inserting the first
 * rows while the last are being written.
 */
final class LoadDataText extends InputStream {

    /** About what one read hands the driver (it sends each read as a packet). */
    private static final int PIECE = 64 * 1024;

    private final List<EventRow> rows;
    private final BulkLoadText piece = new BulkLoadText(PIECE + 16 * 1024);
    private int position;
    private int next;

    /** The rows, in list order (the server inserts them in file order, so {@code seq} follows it). */
    LoadDataText(List<EventRow> rows) {
        this.rows = rows;
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        return piece.buffer()[position++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int count) {
        if (count == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(count, piece.length() - position);
        System.arraycopy(piece.buffer(), position, target, offset, n);
        position += n;
        return n;
    }

    /** Makes the next piece when the current one is used up; false at the end of the rows. */
    private boolean fill() {
        if (position < piece.length()) {
            return true;
        }
        if (next >= rows.size()) {
            return false;
        }
        piece.clear();
        position = 0;
        while (next < rows.size() && piece.length() < PIECE) {
            EventRow r = rows.get(next++);
            piece.column(r.id()).column(r.sessionId()).column(r.timestamp()).column(r.parentSessionId())
                    .column(r.machineId()).column(r.workingDirectory()).column(r.eventType())
                    .column(r.eventTypeOther()).column(r.hookType()).column(r.hookTypeOther()).column(r.data())
                    .column(r.extra()).column(r.recordJson()).endRow();
        }
        return true;
    }
}
