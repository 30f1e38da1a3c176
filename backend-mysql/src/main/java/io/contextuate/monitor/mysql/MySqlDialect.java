package io.contextuate.monitor.mysql;

import com.mysql.cj.jdbc.exceptions.PacketTooBigException;
import io.contextuate.monitor.spi.sql.EventRow;
import io.contextuate.monitor.spi.sql.SqlDialect;
import io.contextuate.monitor.spi.sql.SqlStatements;
import org.jdbi.v3.core.Handle;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * What the generic SQL store needs to know about MySQL and MariaDB: the statements, the error codes, and the bulk
 * path (multi-row INSERTs sized by bytes to stay under the server's {@code max_allowed_packet}).
 */
final class MySqlDialect implements SqlDialect {

    /** ER_NO_REFERENCED_ROW_2 and its older form ER_NO_REFERENCED_ROW. */
    private static final Set<Integer> FOREIGN_KEY_VIOLATIONS = Set.of(1452, 1216);
    /**
     * Lock wait timeout, deadlock, server shutdown, too many connections, server gone away, connection lost,
     * MariaDB's "connection was killed".
     */
    private static final Set<Integer> TRANSIENT_ERRORS = Set.of(1205, 1213, 1053, 1040, 2006, 2013, 1927);
    /**
     * A value the record carries that the table refuses although SQLState does not say so: incorrect string
     * (HY000), MySQL's CHECK violation (HY000), MariaDB's CHECK violation (23000 already), invalid JSON text.
     */
    private static final Set<Integer> DATA_ERRORS = Set.of(1366, 3819, 4025, 3140);

    private final long maxBatchBytes;

    /** @param server the server the store talks to, whose {@code max_allowed_packet} bounds a statement */
    MySqlDialect(MySqlServer server) {
        // Row sizes are estimated in characters; escaping and UTF-8 can make the statement several times larger.
        this.maxBatchBytes = Math.max(64 * 1024, Math.min(4L * 1024 * 1024, server.maxAllowedPacket() / 8));
    }

    @Override
    public Class<? extends SqlStatements> statements() {
        return MySqlStatements.class;
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
        return maxBatchBytes;
    }

    /** The statement of {@link MySqlStatements#insertEvent}, without attaching the SqlObject (which costs more). */
    @Override
    public int insertEvent(Handle handle, EventRow row) {
        return handle.createUpdate(MySqlStatements.INSERT_EVENT).bindMethods(row).execute();
    }

    @Override
    public int insertEvents(Handle handle, List<EventRow> rows) {
        return MultiRowEventInsert.insert(handle, rows);
    }
}
