package io.contextuate.monitor.sql;

import io.contextuate.monitor.spi.EventFingerprints;
import io.contextuate.monitor.spi.MayChange;

import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a SQL backend tells the generic {@link SqlMonitorStore} about its vendor: its statements, how its errors
 * read, and (optionally) a faster way to write many events.
 */
public interface SqlDialect {

    /** The backend's annotated sub-interface of {@link SqlStatements}. */
    Class<? extends SqlStatements> statements();

    /**
     * What ends a read that {@code updateSession} modifies and writes back in one transaction, so that two updates
     * of one session do not lose one another's change: {@code FOR UPDATE} by default; a database without row locks
     * (SQLite, which rejects the clause and serialises writers itself) returns an empty string.
     */
    default String rowLockClause() {
        return "FOR UPDATE";
    }

    /**
     * How the statements write the bound value of a session column in a VALUES list ({@code <sessionValues>}, see
     * {@link SessionColumn#attributes}): the parameter {@code :column_name} as it is by default; a database that
     * needs a cast says so (PostgreSQL: {@code CAST(:extra AS jsonb)} for {@link SessionColumn.Kind#JSON} and its
     * status enumeration for {@link SessionColumn.Kind#STATUS}).
     */
    default String sessionValue(SessionColumn column) {
        return ":" + column.columnName();
    }

    /**
     * How an upsert of a session sets a column to the value the insert proposed ({@code <sessionUpdates>}):
     * {@code column = EXCLUDED.column} by default ({@code ON CONFLICT ... DO UPDATE}); MySQL and MariaDB write
     * {@code column = VALUES(column)}.
     */
    default String sessionUpdate(SessionColumn column) {
        return column.columnName() + " = EXCLUDED." + column.columnName();
    }

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

    /**
     * Whether the server computes event fingerprints ({@link #sessionFingerprint}), which the store then offers
     * ({@link io.contextuate.monitor.spi.MonitorStore#eventFingerprints()}); false by default.
     */
    @MayChange("new, with EventFingerprints")
    default boolean fingerprintsEvents() {
        return false;
    }

    /**
     * The fingerprint the server computes of this row once the store has written it, computed on the client: 64
     * bits of a checksum of the row's columns as the server gives them back (a server that normalises a column, as
     * PostgreSQL's {@code jsonb} does, is matched by normalising it alike); empty when the client cannot tell (the
     * row is then compared another way). Only called when {@link #fingerprintsEvents()} says so.
     */
    @MayChange("new, with EventFingerprints")
    default OptionalLong fingerprint(EventRow row) {
        throw new UnsupportedOperationException("this dialect computes no event fingerprints");
    }

    /**
     * The number of the session's events rows, in a column {@code events}, and the sum of the fingerprints the
     * server computes of them ({@link #fingerprint}), in a column {@code sum}: any integer congruent to it modulo
     * 2<sup>64</sup>. Only called when {@link #fingerprintsEvents()} says so.
     */
    @MayChange("new, with EventFingerprints")
    default EventFingerprints.SessionFingerprint sessionFingerprint(org.jdbi.v3.core.Handle handle,
                                                                     String sessionId) {
        throw new UnsupportedOperationException("this dialect computes no event fingerprints");
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
     * Runs after {@link SqlStatements#pruneSessions} has committed, outside its transaction: a dialect whose prune
     * detaches storage rather than deleting rows (whole partitions, say) frees it here, or has it freed soon. The
     * default does nothing.
     */
    default void afterPrune() {
    }

    /**
     * Inserts one event unless its (session_id, id) exists, as {@link SqlStatements#insertEvent}; 1 when inserted.
     * A dialect that does not override this method gets the {@code @SqlUpdate} of its statements'
     * {@code insertEvent} run by the store as a plain JDBC prepared statement on a pooled connection (JDBI's
     * per-handle work costs more than the insert itself on a fast server); this default, attaching the statements
     * to a handle, serves statements whose {@code insertEvent} has no annotation. A dialect overrides it only to
     * insert some other way.
     */
    @MayChange("the single-write hook may take a narrower type than a JDBI Handle")
    default int insertEvent(org.jdbi.v3.core.Handle handle, EventRow row) {
        return handle.attach(statements()).insertEvent(row);
    }

    /**
     * Writes events (already mapped to rows and checked), inside the caller's transaction, after their sessions' rows
     * exist; returns how many were new. The default runs {@link SqlStatements#insertEvents}.
     */
    @MayChange("the bulk hook may take a narrower type than a JDBI Handle")
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
