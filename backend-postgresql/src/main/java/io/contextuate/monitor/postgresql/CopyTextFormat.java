package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.sql.BulkLoadText;
import io.contextuate.monitor.sql.EventRow;

/**
 * Event rows in PostgreSQL's COPY text format ({@link BulkLoadText}), in the column order of
 * {@link PostgresBulkStatements#COPY_INTO_EVENTS}. Strings reaching here passed {@code RowMapping}, so they hold no
 * U+0000 and no unpaired surrogate and encode to UTF-8 exactly.
 */
final class CopyTextFormat {

    private final BulkLoadText text;

    CopyTextFormat(int capacity) {
        this.text = new BulkLoadText(capacity);
    }

    /**
     * Appends the row as one COPY line, preceded by the ordinal when it is not negative
     * ({@link PostgresBulkStatements#COPY_INTO_STAGING}).
     */
    void append(int ordinal, EventRow r) {
        columns(ordinal, r).endRow();
    }

    /** Appends the row followed by its session's bucket ({@link PartitionedBulkStatements#COPY_INTO_EVENTS}). */
    void append(EventRow r, long bucket) {
        columns(-1, r).column(bucket).endRow();
    }

    private BulkLoadText columns(int ordinal, EventRow r) {
        if (ordinal >= 0) {
            text.column(ordinal);
        }
        return text.column(r.id()).column(r.sessionId()).column(r.timestamp()).column(r.parentSessionId())
                .column(r.machineId()).column(r.workingDirectory()).column(r.eventType()).column(r.eventTypeOther())
                .column(r.hookType()).column(r.hookTypeOther()).column(r.data()).column(r.extra())
                .column(r.recordJson());
    }

    /** The lines appended since the last {@link BulkLoadText#clear()}. */
    BulkLoadText text() {
        return text;
    }
}
