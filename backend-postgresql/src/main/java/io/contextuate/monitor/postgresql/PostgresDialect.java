package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.EventFingerprints;
import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.SessionColumn;
import io.contextuate.monitor.sql.SqlDialect;
import io.contextuate.monitor.sql.SqlStatements;
import io.contextuate.monitor.sql.SqlTables;
import org.jdbi.v3.core.Handle;

import java.sql.SQLException;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the generic SQL store needs to know about PostgreSQL: its statements, its SQLStates, and COPY for large
 * batches of events; on the partitioned layout also the statements of {@link PartitionedStatements}
 * ({@link PartitionedPostgresDialect} adds the partitions a write needs).
 */
class PostgresDialect implements SqlDialect {

    /** Below this many rows a JDBC batch is as fast as COPY and needs no staging table. */
    static final int COPY_THRESHOLD = 64;

    private static final String FOREIGN_KEY_VIOLATION = "23503";
    /** admin_shutdown, crash_shutdown, cannot_connect_now, serialization_failure, deadlock_detected. */
    private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "40001", "40P01");

    private final CopyEventWriter copy;
    final EventPartitions partitions;
    /** The status enumeration's qualified name. */
    private final String statusType;

    PostgresDialect(SqlTables tables) {
        this(tables, null);
    }

    /** @param partitions the events table's partitions, or {@code null} when it is one table */
    PostgresDialect(SqlTables tables, EventPartitions partitions) {
        this.copy = new CopyEventWriter(tables, partitions != null);
        this.partitions = partitions;
        this.statusType = tables.qualified(tables.prefix() + "session_status");
    }

    /** The server sums fingerprints of the rows it holds: the MD5 of their text, jsonb as jsonb prints it. */
    @Override
    public boolean fingerprintsEvents() {
        return true;
    }

    @Override
    public OptionalLong fingerprint(EventRow row) {
        return PostgresRowFingerprint.of(row);
    }

    @Override
    public EventFingerprints.SessionFingerprint sessionFingerprint(Handle handle, String sessionId) {
        return handle.attach(PostgresFingerprintStatements.class).sessionFingerprint(sessionId);
    }

    /** COPY streams rows, so a transaction may carry more of them than a JDBC batch would. */
    @Override
    public int maxBatchRows() {
        return 50_000;
    }

    @Override
    public Class<? extends SqlStatements> statements() {
        return partitions == null ? PostgresStatements.class : PartitionedStatements.class;
    }

    /** JSON text is cast to {@code jsonb}, a known status to the schema's {@code session_status} ENUM. */
    @Override
    public String sessionValue(SessionColumn column) {
        String parameter = SqlDialect.super.sessionValue(column);
        return switch (column.kind()) {
            case JSON -> "CAST(" + parameter + " AS jsonb)";
            case STATUS -> "CAST(" + parameter + " AS " + statusType + ")";
            default -> parameter;
        };
    }

    @Override
    public boolean isForeignKeyViolation(SQLException e) {
        return e != null && FOREIGN_KEY_VIOLATION.equals(e.getSQLState());
    }

    @Override
    public boolean isTransient(SQLException e) {
        return SqlDialect.super.isTransient(e) || TRANSIENT_STATES.contains(e.getSQLState())
                || (partitions != null && partitions.isMissingPartition(e));
    }

    // a row that fell in no partition is the store's fault, not the record's: retried after a fresh look
    @Override
    public boolean isDataError(SQLException e) {
        return SqlDialect.super.isDataError(e) && !(partitions != null && partitions.isMissingPartition(e));
    }

    @Override
    public int insertEvents(Handle handle, List<EventRow> rows) {
        if (rows.size() >= COPY_THRESHOLD) {
            OptionalInt copied = copy.insert(handle, rows);
            if (copied.isPresent()) {
                return copied.getAsInt();
            }
        }
        return SqlDialect.super.insertEvents(handle, rows);
    }
}
