package com.example.monitor.h2;

import io.contextuate.monitor.sql.SqlDialect;
import io.contextuate.monitor.sql.SqlStatements;

import java.sql.SQLException;
import java.util.Set;

/** What the generic SQL store needs to know about H2: its statements and its error codes. */
final class H2Dialect implements SqlDialect {

    /** REFERENTIAL_INTEGRITY_VIOLATED_PARENT_MISSING. */
    private static final String FOREIGN_KEY_VIOLATION = "23506";
    /** Lock timeout, deadlock. */
    private static final Set<String> TRANSIENT_STATES = Set.of("HYT00", "40001");

    @Override
    public Class<? extends SqlStatements> statements() {
        return H2Statements.class;
    }

    @Override
    public boolean isForeignKeyViolation(SQLException e) {
        return e != null && FOREIGN_KEY_VIOLATION.equals(e.getSQLState());
    }

    @Override
    public boolean isTransient(SQLException e) {
        return SqlDialect.super.isTransient(e) || TRANSIENT_STATES.contains(e.getSQLState());
    }
}
