package io.contextuate.monitor.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a backend takes over a database created with the upstream seed scripts: recognise its layout, convert it in
 * place keeping every row, and name the migration version the converted layout equals (Flyway then baselines there
 * and applies the rest).
 */
public interface SchemaAdoption {

    /** Whether the database holds the seed's layout and no migration history. */
    boolean detect(Connection connection, SqlTables tables) throws SQLException;

    /**
     * Converts the seed's layout in place into the layout of {@link #baselineVersion()}, keeping every row.
     * {@link FlywaySchema} calls it while holding its {@link SchemaLock}, with the baseline after it, so two processes
     * never convert at once when the backend's lock holds across them.
     */
    void adopt(Connection connection, SqlTables tables) throws SQLException;

    /** The migration version the converted layout equals. */
    String baselineVersion();
}
