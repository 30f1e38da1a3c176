package io.contextuate.monitor.sql;

import java.sql.SQLException;
import java.util.List;

/**
 * What a SQL backend tells the generic {@link SqlMonitorStore} about its vendor: its statements, how its errors
 * read, and (optionally) a faster way to write many events.
 */
public interface SqlDialect {

    /** The backend's annotated sub-interface of {@link SqlStatements}. */
    Class<? extends SqlStatements> statements();

    /** Whether the error says a foreign key was violated (a referenced session row is missing). */
    boolean isForeignKeyViolation(SQLException e);

    /**
     * Whether the error is worth retrying: the connection was lost, the server is restarting, a deadlock or
     * serialization failure. The default recognises SQLState class 08 and the JDBC transient/recoverable types.
     */
    default boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return e instanceof java.sql.SQLTransientException || e instanceof java.sql.SQLRecoverableException
                || (state != null && state.startsWith("08"));
    }

    /**
     * Whether the error says a value does not fit its column or is malformed for it (SQLState class 22 or 23
     * other than a foreign key): the record, not the store, is at fault.
     */
    default boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23")) && !isForeignKeyViolation(e);
    }

    /** The most events one transaction of {@code saveEvents} carries (a bulk path may take more than a batch). */
    default int maxBatchRows() {
        return 5000;
    }

    /** The largest batch, in estimated bytes, one statement may carry (MySQL's max_allowed_packet, say). */
    default long maxBatchBytes() {
        return 16L * 1024 * 1024;
    }

    /**
     * Runs before events are written, outside the write's transaction (the partitions a partitioned table needs,
     * say); the default does nothing.
     */
    default void beforeWrite(org.jdbi.v3.core.Handle handle, List<EventRow> rows) {
    }

    /**
     * Inserts one event unless its (session_id, id) exists, as {@link SqlStatements#insertEvent}; 1 when inserted.
     * The default attaches the statements to the handle, which costs JDBI more than the insert itself on a fast
     * server (it rebuilds the SqlObject's metadata per handle); a backend may run the same SQL through
     * {@code handle.createUpdate(...)} instead.
     */
    default int insertEvent(org.jdbi.v3.core.Handle handle, EventRow row) {
        return handle.attach(statements()).insertEvent(row);
    }

    /**
     * Writes events that passed {@link RowMapping}, inside the caller's transaction, after their sessions' rows
     * exist; returns how many were new. The default runs {@link SqlStatements#insertEvents}.
     */
    default int insertEvents(org.jdbi.v3.core.Handle handle, List<EventRow> rows) {
        int added = 0;
        for (int n : handle.attach(statements()).insertEvents(rows)) {
            if (n > 0) {
                added += n;
            }
        }
        return added;
    }
}
