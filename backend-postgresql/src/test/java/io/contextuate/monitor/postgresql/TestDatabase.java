package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh database {@code cm_pg_<random>} on the test server, created by the admin user and dropped on close.
 * The server is 127.0.0.1:5432 as user postgres (trust), or {@code CM_TEST_PG_URL} (a JDBC URL of any database on
 * the server) and {@code CM_TEST_PG_USER}.
 */
final class TestDatabase implements AutoCloseable {

    private static final String SERVER_URL = env("CM_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String ADMIN = env("CM_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("CM_TEST_PG_PASSWORD", null);

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    /** Creates a new, empty database. */
    static TestDatabase create() {
        String name = "cm_pg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(SERVER_URL, ADMIN, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw unreachable(e);
        }
        return new TestDatabase(name);
    }

    String name() {
        return name;
    }

    /** The JDBC URL of this database. */
    String url() {
        int slash = SERVER_URL.indexOf('/', "jdbc:postgresql://".length());
        int query = SERVER_URL.indexOf('?');
        return SERVER_URL.substring(0, slash + 1) + name + (query < 0 ? "" : SERVER_URL.substring(query));
    }

    /** A connection as the admin user. */
    Connection connect() throws SQLException {
        return connect(url(), ADMIN, PASSWORD);
    }

    /** Connects as another user. */
    Connection connect(String user, String password) throws SQLException {
        return connect(url(), user, password);
    }

    /** Runs statements as the admin user. */
    void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The persistence settings of a postgresql store on this database, as the admin user, plus overrides. */
    StoreContext context(Map<String, Object> databaseOverrides) {
        Map<String, Object> db = new HashMap<>();
        db.put("url", url());
        db.put("user", ADMIN);
        if (PASSWORD != null) {
            db.put("password", PASSWORD);
        }
        db.put("pool.maximumPoolSize", 4);
        db.putAll(databaseOverrides);
        Map<String, Object> persistence = new HashMap<>();
        persistence.put("type", "postgresql");
        db.forEach((k, v) -> persistence.put("database." + k, v));
        return new StoreContext(StoreSettings.of(persistence), null, null);
    }

    StoreContext context() {
        return context(Map.of());
    }

    /** Opens a store on this database through the provider. */
    MonitorStore open(Map<String, Object> databaseOverrides) {
        return new PostgresStoreProvider().open(context(databaseOverrides));
    }

    MonitorStore open() {
        return open(Map.of());
    }

    @Override
    public void close() {
        try (Connection c = connect(SERVER_URL, ADMIN, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name, e);
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(url, p);
    }

    private static IllegalStateException unreachable(SQLException e) {
        return new IllegalStateException("PostgreSQL is not reachable at " + SERVER_URL + " as " + ADMIN + " ("
                + e.getMessage() + "). Start it (for example `sudo service postgresql start`, or `docker run -d -p"
                + " 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:15`), or point CM_TEST_PG_URL and"
                + " CM_TEST_PG_USER at a server where this user may create databases.", e);
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
