package io.contextuate.monitor.mysql;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.RuntimeProperty;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcStatement;
import io.contextuate.monitor.sql.EventRow;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.Update;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.List;
import java.util.OptionalInt;

/**
 * The fast bulk path: {@code LOAD DATA LOCAL INFILE} of the chunk's rows, streamed from memory, straight into the
 * events table inside the caller's transaction, behind a savepoint.
 *
 * <p>With {@code LOCAL} the server treats every row error as a warning and goes on ({@code IGNORE} semantics). So
 * the statement's warnings are read: a duplicate key (1062), one per row that already existed, is exactly the
 * idempotent skip, and the count of new events is the affected-row count. Any other warning (a value cut, refused
 * by a CHECK, a missing session) means the rows did not arrive as given: the chunk is rolled back to the savepoint
 * and the caller writes it through {@link MultiRowEventInsert}, whose errors name the record.
 *
 * <p>The driver reads client files only with {@code allowLoadLocalInfile}; the pool's connections keep it off
 * (their {@code allowLoadLocalInfileInPath} is an empty private directory, see {@link MySqlConnectionSettings}) and
 * it is switched on only for this statement, whose stream answers whatever file name the server asks for.
 */
final class LoadDataEventInsert {

    /** Duplicate entry for a unique key: the row already exists and was skipped. */
    static final int DUPLICATE_KEY = 1062;
    private static final String LOAD = "LOAD DATA LOCAL INFILE 'events.tsv' INTO TABLE <events> CHARACTER SET utf8mb4"
            + " (" + MySqlStatements.EVENT_INSERT_COLUMNS + ")";
    private static final String SAVEPOINT = "cm_load_events";

    private LoadDataEventInsert() {
    }

    /**
     * Loads the rows on the handle (in the caller's transaction): the number of new events, or empty when the
     * server changed or refused some row, in which case nothing of this call remains.
     */
    static OptionalInt insert(Handle handle, List<EventRow> rows) throws SQLException {
        RuntimeProperty<Boolean> allowFiles = handle.getConnection().unwrap(JdbcConnection.class).getPropertySet()
                .getBooleanProperty(PropertyKey.allowLoadLocalInfile);
        boolean allowedBefore = allowFiles.getValue();
        handle.savepoint(SAVEPOINT);
        WarningCheck check = new WarningCheck(rows);
        int added;
        allowFiles.setValue(true);
        try (Update load = handle.createUpdate(LOAD)) {
            added = load.addCustomizer(check).execute();
        } finally {
            allowFiles.setValue(allowedBefore);
        }
        if (check.otherWarnings > 0 || check.duplicates != rows.size() - added) {
            handle.rollbackToSavepoint(SAVEPOINT);
            return OptionalInt.empty();
        }
        handle.releaseSavepoint(SAVEPOINT);
        return OptionalInt.of(added);
    }

    /** Hands the text to the driver before the statement runs and sorts its warnings afterwards. */
    private static final class WarningCheck implements StatementCustomizer {
        private final List<EventRow> rows;
        private int duplicates;
        private int otherWarnings;

        WarningCheck(List<EventRow> rows) {
            this.rows = rows;
        }

        @Override
        public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
            statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(new LoadDataText(rows));
        }

        @Override
        public void afterExecution(PreparedStatement statement, StatementContext context) throws SQLException {
            for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
                if (w.getErrorCode() == DUPLICATE_KEY) {
                    duplicates++;
                } else {
                    otherWarnings++;
                }
            }
        }
    }
}
