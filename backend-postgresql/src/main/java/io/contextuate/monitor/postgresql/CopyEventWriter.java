package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.StoreException;
import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.SqlTables;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The bulk path of {@code saveEvents}, inside the caller's transaction. A batch that repeats no event is copied
 * straight into the events table under a savepoint: the primary key proves it safe, since a batch holding an event
 * the table already has (a re-sent batch, or one another writer stored meanwhile) fails with a unique violation,
 * which rolls back to the savepoint. Such a batch, and one that repeats an event, is then copied into a temporary
 * staging table and moved with {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING} in batch order. Both ways are
 * idempotent (a re-sent batch adds nothing) and keep the batch's order in {@code seq}. A user that may not create
 * temporary tables gets the first way only. On the partitioned layout every row carries its session's bucket: the
 * direct way looks up the buckets of the batch's sessions once and copies them with the rows, whose primary key
 * (session_id, id, bucket) gives the same proof (a session has one bucket); the staging way joins the sessions (see
 * {@link PartitionedBulkStatements}).
 */
final class CopyEventWriter {

    /** COPY data goes to the server in messages of about this size rather than one per row. */
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SAVEPOINT = "contextuate_copy";

    private final String copyIntoEvents;
    private final boolean partitioned;
    private final SqlTables tables;
    private volatile Boolean stagingAllowed;

    CopyEventWriter(SqlTables tables, boolean partitioned) {
        this.partitioned = partitioned;
        this.tables = tables;
        this.copyIntoEvents = (partitioned ? PartitionedBulkStatements.COPY_INTO_EVENTS
                : PostgresBulkStatements.COPY_INTO_EVENTS).replace("<events>", tables.qualified(tables.events()));
    }

    /** Whether the connection's user may create the staging table; asked once per store. */
    private boolean stagingAllowed(Handle handle) {
        Boolean known = stagingAllowed;
        if (known == null) {
            known = handle.attach(PostgresBulkStatements.class).mayCreateTemporaryTables();
            stagingAllowed = known;
        }
        return known;
    }

    /**
     * Copies the rows in; how many were new. Empty when the batch needs the staging table and this user may not
     * create temporary tables (the caller then inserts the rows otherwise).
     */
    OptionalInt insert(Handle handle, List<EventRow> rows) {
        if (repeatsNoEvent(rows)) {
            handle.savepoint(SAVEPOINT);
            try {
                copy(handle, copyIntoEvents, rows, false, partitioned ? buckets(handle, rows) : null);
                handle.release(SAVEPOINT);
                return OptionalInt.of(rows.size());
            } catch (UnableToExecuteStatementException e) {
                if (!(e.getCause() instanceof SQLException sql) || !UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    throw e;
                }
                handle.rollbackToSavepoint(SAVEPOINT);
            }
        }
        if (!stagingAllowed(handle)) {
            return OptionalInt.empty();
        }
        PostgresBulkStatements bulk = handle.attach(PostgresBulkStatements.class);
        bulk.createStaging();
        bulk.clearStaging();
        copy(handle, PostgresBulkStatements.COPY_INTO_STAGING, rows, true, null);
        return OptionalInt.of(partitioned ? handle.attach(PartitionedBulkStatements.class).moveStagedEvents()
                : bulk.moveStagedEvents());
    }

    /** The bucket of each row's session, looked up once for the batch (the sessions' rows exist by now). */
    private long[] buckets(Handle handle, List<EventRow> rows) {
        Set<String> sessionIds = new HashSet<>();
        for (EventRow r : rows) {
            sessionIds.add(r.sessionId());
        }
        Map<String, Long> bySession = EventPartitions.buckets(handle, tables, sessionIds);
        long[] out = new long[rows.size()];
        for (int i = 0; i < out.length; i++) {
            Long bucket = bySession.get(rows.get(i).sessionId());
            if (bucket == null) {
                throw new StoreException("session " + rows.get(i).sessionId() + " has no row to take its bucket from");
            }
            out[i] = bucket;
        }
        return out;
    }

    private static boolean repeatsNoEvent(List<EventRow> rows) {
        Set<EventKey> seen = new HashSet<>(rows.size() * 4 / 3 + 1);
        for (EventRow r : rows) {
            if (!seen.add(new EventKey(r.sessionId(), r.id()))) {
                return false;
            }
        }
        return true;
    }

    /** An event's identity; hashes from the strings' cached hash codes, where a joined string would hash anew. */
    private record EventKey(String sessionId, String id) {
    }

    /** @param buckets each row's bucket, copied after its columns, or {@code null} for none */
    private static void copy(Handle handle, String command, List<EventRow> rows, boolean withOrdinal, long[] buckets) {
        try {
            CopyIn in = handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(command);
            try {
                CopyBinaryFormat data = new CopyBinaryFormat(BUFFER_BYTES + 16 * 1024);
                int ordinal = 0;
                for (EventRow row : rows) {
                    if (buckets != null) {
                        data.append(row, buckets[ordinal++]);
                    } else {
                        data.append(withOrdinal ? ordinal++ : -1, row);
                    }
                    if (data.length() >= BUFFER_BYTES) {
                        in.writeToCopy(data.buffer(), 0, data.length());
                        data.clear();
                    }
                }
                data.end();
                in.writeToCopy(data.buffer(), 0, data.length());
                long copied = in.endCopy();
                if (copied != rows.size()) {
                    throw new StoreException("COPY wrote " + copied + " of " + rows.size() + " events");
                }
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("COPY of " + rows.size() + " events failed", e, null);
        }
    }
}
