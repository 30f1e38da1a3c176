package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.sql.SqlTables;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** How PostgreSQL's SQLStates are read: which failures are retried, which name a missing session row. */
class PostgresDialectTest {

    private final PostgresDialect dialect = new PostgresDialect(new SqlTables("public", ""));

    private static SQLException state(String sqlState) {
        return new SQLException("failure " + sqlState, sqlState);
    }

    @Test
    void lostConnectionsRestartsDeadlocksAndSerializationFailuresAreRetried() {
        for (String s : new String[]{"08006", "08001", "57P01", "57P02", "57P03", "40001", "40P01"}) {
            assertThat(dialect.isTransient(state(s))).as(s).isTrue();
        }
    }

    @Test
    void constraintAndDataErrorsAreNotRetried() {
        for (String s : new String[]{"23505", "23503", "22P02", "42501", "42P01"}) {
            assertThat(dialect.isTransient(state(s))).as(s).isFalse();
        }
    }

    @Test
    void onlyAForeignKeyViolationMeansAMissingSessionRow() {
        assertThat(dialect.isForeignKeyViolation(state("23503"))).isTrue();
        assertThat(dialect.isForeignKeyViolation(state("23505"))).isFalse();
        assertThat(dialect.isDataError(state("23503"))).isFalse();
        assertThat(dialect.isDataError(state("22021"))).isTrue();
    }
}
