package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.sql.SchemaAdoption;
import io.contextuate.monitor.sql.SqlTables;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Takes over a database made with the upstream seed's {@code postgresql-schema.sql}: its tables and ENUM types (under
 * the configured schema and table prefix) with no migration history. The conversion keeps every row and yields the
 * layout of migration version 1, where Flyway then baselines; see the scripts in {@code db/postgresql-adoption}.
 */
final class UpstreamSeedAdoption implements SchemaAdoption {

    private static final String FOLDER = "db/postgresql-adoption/";

    @Override
    public boolean detect(Connection connection, SqlTables tables) throws SQLException {
        return inspect(connection, tables).present();
    }

    @Override
    public void adopt(Connection connection, SqlTables tables) throws SQLException {
        if (inspect(connection, tables).converted()) {
            return; // converted by an earlier run that stopped before the baseline
        }
        boolean autoCommit = connection.getAutoCommit();
        try {
            connection.setAutoCommit(true);
            // step 1 commits on its own: PostgreSQL uses new ENUM labels only after the commit that added them
            execute(connection, script("upstream_seed_enum_values.sql", tables));
            connection.setAutoCommit(false);
            execute(connection, script("upstream_seed_to_v1.sql", tables));
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    @Override
    public String baselineVersion() {
        return "1";
    }

    private record Layout(boolean present, boolean converted) {
    }

    private static Layout inspect(Connection connection, SqlTables tables) throws SQLException {
        String schema = tables.schema();
        String prefix = tables.prefix();
        try (PreparedStatement s = connection.prepareStatement(resource("detect_upstream_seed.sql"))) {
            s.setString(1, schema);
            s.setString(2, tables.sessions());
            s.setString(3, tables.events());
            s.setString(4, schema);
            s.setString(5, prefix + "session_status");
            s.setString(6, prefix + "monitor_event_type");
            s.setString(7, prefix + "claude_hook_type");
            s.setString(8, schema);
            s.setString(9, tables.history());
            s.setString(10, schema);
            s.setString(11, tables.events());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Layout(rs.getBoolean("seed_present"), rs.getBoolean("converted"));
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** A script with Flyway's placeholders filled in; schema and prefix are checked identifiers (SqlTables). */
    private static String script(String name, SqlTables tables) {
        return resource(name).replace("${schema}", tables.schema()).replace("${prefix}", tables.prefix());
    }

    private static String resource(String name) {
        try (InputStream in = UpstreamSeedAdoption.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException(FOLDER + name + " is missing from the backend's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FOLDER + name, e);
        }
    }
}
