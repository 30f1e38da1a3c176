package io.contextuate.monitor.mysql;

import io.contextuate.monitor.sql.EventRow;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

import java.util.Collections;
import java.util.List;

/**
 * The bulk path when LOAD DATA is off or a chunk must be redone: events written with multi-row
 * {@code INSERT ... VALUES (...), (...) ON DUPLICATE KEY UPDATE id = id} statements of up to
 * {@value #ROWS_PER_STATEMENT} rows and a given number of estimated bytes (so a statement stays under
 * {@code max_allowed_packet} however large the caller's chunk), with positional binds, in list order (so their
 * {@code seq} follows it). Unlike a JDBC batch rewritten by the driver, the statement's count tells how many rows
 * were new.
 */
final class MultiRowEventInsert {

    /** Past a few hundred rows a statement gets longer without getting faster. */
    static final int ROWS_PER_STATEMENT = 500;
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private MultiRowEventInsert() {
    }

    /**
     * Inserts the rows on the handle (in the caller's transaction); the number of rows that were new.
     *
     * @param statementBytes the most estimated bytes of one statement (a single larger row goes alone)
     */
    static int insert(Handle handle, List<EventRow> rows, long statementBytes) {
        int added = 0;
        int to;
        for (int from = 0; from < rows.size(); from = to) {
            long bytes = rows.get(from).estimatedBytes();
            to = from + 1;
            while (to < rows.size() && to - from < ROWS_PER_STATEMENT
                    && bytes + rows.get(to).estimatedBytes() <= statementBytes) {
                bytes += rows.get(to++).estimatedBytes();
            }
            List<EventRow> part = rows.subList(from, to);
            // the statement's shape depends only on the number of rows: every value is a bound parameter
            String sql = "INSERT INTO <events> (" + MySqlStatements.EVENT_INSERT_COLUMNS + ") VALUES "
                    + String.join(", ", Collections.nCopies(part.size(), ROW)) + MySqlStatements.KEEP_EXISTING_EVENT;
            try (Update update = handle.createUpdate(sql)) {
                int position = 0;
                for (EventRow row : part) {
                    update.bind(position++, row.id())
                            .bind(position++, row.sessionId())
                            .bind(position++, row.timestamp())
                            .bind(position++, row.parentSessionId())
                            .bind(position++, row.machineId())
                            .bind(position++, row.workingDirectory())
                            .bind(position++, row.eventType())
                            .bind(position++, row.eventTypeOther())
                            .bind(position++, row.hookType())
                            .bind(position++, row.hookTypeOther())
                            .bind(position++, row.data().toString())
                            .bind(position++, row.extra())
                            .bind(position++, row.recordJson());
                }
                added += update.execute();
            }
        }
        return added;
    }
}
