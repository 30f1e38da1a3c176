package io.contextuate.monitor.mysql;

import com.mysql.cj.jdbc.exceptions.PacketTooBigException;
import io.contextuate.monitor.spi.EventFingerprints;
import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.SessionColumn;
import io.contextuate.monitor.sql.SqlDialect;
import io.contextuate.monitor.sql.SqlStatements;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the generic SQL store needs to know about MySQL and MariaDB: the statements, the error codes, and the bulk
 * path ({@code LOAD DATA LOCAL INFILE} from memory when the server and the settings allow it, else, and for any
 * chunk the server would change, multi-row INSERTs sized by bytes to stay under the server's
 * {@code max_allowed_packet}).
 */
final class MySqlDialect implements SqlDialect {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlDialect.class);
    /**
     * LOAD DATA LOCAL refused: "not allowed with this version" (1148), MariaDB's "local infile capability disabled"
     * (4166), MySQL 8's "loading local data is disabled" (3948, 3950), the client's "file request rejected" (2068).
     */
    private static final Set<Integer> LOCAL_INFILE_REFUSED = Set.of(1148, 4166, 3948, 3950, 2068);

    /** ER_NO_REFERENCED_ROW_2 and its older form ER_NO_REFERENCED_ROW. */
    private static final Set<Integer> FOREIGN_KEY_VIOLATIONS = Set.of(1452, 1216);
    /**
     * Lock wait timeout, deadlock, server shutdown, too many connections, server gone away, connection lost,
     * MariaDB's "connection was killed", and "failed to read auto-increment value" (1467: InnoDB's answer when the
     * table's AUTO-INC lock, which a LOAD DATA holds for the whole statement, cannot be had: a deadlock or lock wait
     * timeout, after which the transaction is redone).
     */
    private static final Set<Integer> TRANSIENT_ERRORS = Set.of(1205, 1213, 1053, 1040, 2006, 2013, 1927, 1467);
    /**
     * A value the record carries that the table refuses although SQLState does not say so: incorrect string
     * (HY000), MySQL's CHECK violation (HY000), MariaDB's CHECK violation (23000 already), invalid JSON text.
     */
    private static final Set<Integer> DATA_ERRORS = Set.of(1366, 3819, 4025, 3140);

    /** One LOAD DATA chunk: the text is held in memory while it streams; no packet limit applies to it. */
    static final long LOAD_CHUNK_BYTES = 32L * 1024 * 1024;
    /** Rows of one LOAD DATA chunk; every warning of it must fit {@code max_error_count} (set to 65,535). */
    static final int LOAD_CHUNK_ROWS = 10_000;

    /** The most estimated bytes of one INSERT statement. */
    private final long statementBytes;
    /** The most estimated bytes and rows of one chunk's transaction on a Galera node; 0 for no limit. */
    private final long writesetBytes;
    private final int writesetRows;
    private final boolean fingerprints;
    /** Cleared for good when the server refuses LOAD DATA LOCAL (a user or setting it does not allow). */
    private volatile boolean loadData;

    /**
     * @param server   the server the store talks to, whose {@code max_allowed_packet} bounds a statement
     * @param loadData whether chunks may go through {@code LOAD DATA LOCAL INFILE} (the settings allow it and the
     *                 connections were made for it); used only when the server has {@code local_infile} on
     */
    MySqlDialect(MySqlServer server, boolean loadData) {
        // Row sizes are estimated in characters; escaping and UTF-8 can make the statement several times larger.
        this.statementBytes = Math.max(64 * 1024, Math.min(4L * 1024 * 1024, server.maxAllowedPacket() / 8));
        // A chunk is one transaction, so one writeset: its rows are estimated in characters, and the writeset also
        // carries UTF-8, the index keys and the chunk's session placeholders (at most one row per event).
        MySqlServer.WritesetLimit limit = server.writesetLimit();
        this.writesetBytes = limit.bytes() == 0 ? 0 : Math.max(16 * 1024, limit.bytes() / 4);
        this.writesetRows = limit.rows() == 0 ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, limit.rows() / 2));
        this.loadData = loadData && server.localInfile();
        this.fingerprints = server.mariaDb() && (server.major() > 10 || server.major() == 10 && server.minor() >= 8);
    }

    /** MariaDB 10.8 and later: the server has both checksums of a fingerprint (MySQL has no CRC32C). */
    @Override
    public boolean fingerprintsEvents() {
        return fingerprints;
    }

    @Override
    public OptionalLong fingerprint(EventRow row) {
        return OptionalLong.of(MySqlRowFingerprint.of(row));
    }

    @Override
    public EventFingerprints.SessionFingerprint sessionFingerprint(Handle handle, String sessionId) {
        return handle.attach(MySqlFingerprintStatements.class).sessionFingerprint(sessionId);
    }

    /** Whether chunks currently go through {@code LOAD DATA LOCAL INFILE}. */
    boolean loadsData() {
        return loadData;
    }

    @Override
    public Class<? extends SqlStatements> statements() {
        return MySqlStatements.class;
    }

    /** {@code column = VALUES(column)}: MariaDB does not accept the row alias MySQL 8.0.20+ prefers. */
    @Override
    public String sessionUpdate(SessionColumn column) {
        return column.columnName() + " = VALUES(" + column.columnName() + ")";
    }

    @Override
    public boolean isForeignKeyViolation(SQLException e) {
        return e != null && FOREIGN_KEY_VIOLATIONS.contains(e.getErrorCode());
    }

    @Override
    public boolean isTransient(SQLException e) {
        return SqlDialect.super.isTransient(e) || TRANSIENT_ERRORS.contains(e.getErrorCode());
    }

    @Override
    public boolean isDataError(SQLException e) {
        if (isForeignKeyViolation(e)) {
            return false;
        }
        // a record larger than max_allowed_packet: the driver refuses it before sending anything
        return SqlDialect.super.isDataError(e) || DATA_ERRORS.contains(e.getErrorCode())
                || e instanceof PacketTooBigException;
    }

    @Override
    public long maxBatchBytes() {
        long bytes = loadData ? LOAD_CHUNK_BYTES : statementBytes;
        return writesetBytes == 0 ? bytes : Math.min(bytes, writesetBytes);
    }

    @Override
    public int maxBatchRows() {
        int rows = loadData ? LOAD_CHUNK_ROWS : SqlDialect.super.maxBatchRows();
        return writesetRows == 0 ? rows : Math.min(rows, writesetRows);
    }

    @Override
    public int insertEvents(Handle handle, List<EventRow> rows) {
        // one row, or one bigger than a statement may be, goes the way that names it when the server refuses it
        if (loadData && rows.size() > 1 && rows.stream().allMatch(r -> r.estimatedBytes() <= statementBytes)) {
            OptionalInt added = load(handle, rows);
            if (added.isPresent()) {
                return added.getAsInt();
            }
        }
        return MultiRowEventInsert.insert(handle, rows, statementBytes);
    }

    /** The chunk through LOAD DATA; empty when it must go through the INSERT path instead. */
    private OptionalInt load(Handle handle, List<EventRow> rows) {
        try {
            return LoadDataEventInsert.insert(handle, rows);
        } catch (StatementException e) {
            SQLException sql = e.getCause() instanceof SQLException s ? s : null;
            if (sql == null || !LOCAL_INFILE_REFUSED.contains(sql.getErrorCode())) {
                throw e;
            }
            LOG.warn("The server refuses LOAD DATA LOCAL INFILE ({}); saving events with multi-row INSERTs",
                    sql.getMessage());
            loadData = false;
            return OptionalInt.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot switch the driver's local-infile setting: " + e.getMessage(), e);
        }
    }
}
