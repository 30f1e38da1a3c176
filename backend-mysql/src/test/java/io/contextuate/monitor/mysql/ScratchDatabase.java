package io.contextuate.monitor.mysql;

import com.mysql.cj.jdbc.MysqlDataSource;

import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreSettings;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database {@code cm_my_<random>} on the test server (MariaDB on 127.0.0.1:3306 as root unless
 * {@code CM_TEST_MYSQL_URL}, {@code CM_TEST_MYSQL_USER}, {@code CM_TEST_MYSQL_PASSWORD} say otherwise), dropped on
 * close. Creating one fails, with a message saying how to start the server, when the server cannot be reached.
 */
final class ScratchDatabase implements AutoCloseable {

    private static final String SERVER_URL = env("CM_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/");
    private static final String USER = env("CM_TEST_MYSQL_USER", "root");
    private static final String PASSWORD = env("CM_TEST_MYSQL_PASSWORD", "");
    private static final String OPTIONS = "?useUnicode=true&characterEncoding=UTF-8&allowPublicKeyRetrieval=true"
            + "&sslMode=DISABLED&rewriteBatchedStatements=true";

    private final String name;

    private ScratchDatabase(String name) {
        this.name = name;
    }

    /** Creates a new, empty database. */
    static ScratchDatabase create() {
        String name = "cm_my_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new AssertionError("cannot create a test database: " + e.getMessage(), e);
        }
        return new ScratchDatabase(name);
    }

    /** A connection to the server as the administrative test user, with no database selected. */
    static Connection admin() {
        try {
            return DriverManager.getConnection(serverUrl() + OPTIONS, USER, PASSWORD);
        } catch (SQLException e) {
            throw new AssertionError("MariaDB/MySQL is not reachable at " + serverUrl() + " as " + USER + " ("
                    + e.getMessage() + "). Start it (for example `sudo service mariadb start`, or `docker run -d "
                    + "-p 3306:3306 -e MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1 mariadb:10.11`), or point "
                    + "CM_TEST_MYSQL_URL / CM_TEST_MYSQL_USER / CM_TEST_MYSQL_PASSWORD at a server.", e);
        }
    }

    /** The database name. */
    String name() {
        return name;
    }

    /** A JDBC URL of this database (no credentials in it). */
    String url() {
        return serverUrl() + name + OPTIONS;
    }

    /** The host of the test server. */
    static String host() {
        return java.net.URI.create(SERVER_URL.substring("jdbc:".length())).getHost();
    }

    /** The port of the test server. */
    static int port() {
        int port = java.net.URI.create(SERVER_URL.substring("jdbc:".length())).getPort();
        return port < 0 ? 3306 : port;
    }

    static String user() {
        return USER;
    }

    static String password() {
        return PASSWORD;
    }

    /** A store context for this database as the administrative test user, with the given table prefix. */
    StoreContext context(String prefix) {
        return context(prefix, USER, PASSWORD, Map.of());
    }

    /**
     * A store context for this database.
     *
     * @param settings further {@code persistence.database} keys, for example {@code autoMigrate}
     */
    StoreContext context(String prefix, String user, String password, Map<String, Object> settings) {
        Map<String, Object> database = new HashMap<>(settings);
        database.put("host", host());
        database.put("port", port());
        database.put("database", name);
        database.put("user", user);
        database.put("password", password);
        database.put("tablePrefix", prefix);
        database.putIfAbsent("ssl", Map.of("mode", "DISABLED"));
        StoreSettings persistence = StoreSettings.of(Map.of("type", "mysql", "database", database));
        return new StoreContext(persistence, null, null);
    }

    /** Connections to this database as the administrative test user. */
    DataSource dataSource() {
        return dataSource(USER, PASSWORD);
    }

    /** Connections to this database as the given user. */
    DataSource dataSource(String user, String password) {
        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setURL(url());
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    /** A connection to this database as the administrative test user. */
    Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    @Override
    public void close() {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            throw new AssertionError("cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    private static String serverUrl() {
        return SERVER_URL.endsWith("/") ? SERVER_URL : SERVER_URL + "/";
    }

    private static String env(String key, String fallback) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
