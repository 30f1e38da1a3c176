package io.contextuate.monitor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh database {@code cm_dist_<random>} on one of the machine's test servers, with a configuration file naming
 * it, dropped on close. PostgreSQL: 127.0.0.1:5432 as postgres (or {@code CM_TEST_PG_URL}, {@code CM_TEST_PG_USER},
 * {@code CM_TEST_PG_PASSWORD}); MariaDB/MySQL: 127.0.0.1:3306 as root, empty password (or {@code CM_TEST_MYSQL_*}).
 */
final class ServerDatabase implements AutoCloseable {

    /** The two SQL servers the tests use. */
    enum Kind {
        POSTGRESQL("postgresql", env("CM_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                env("CM_TEST_PG_USER", "postgres"), env("CM_TEST_PG_PASSWORD", ""), "sudo service postgresql start"),
        MYSQL("mysql", env("CM_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/"),
                env("CM_TEST_MYSQL_USER", "root"), env("CM_TEST_MYSQL_PASSWORD", ""), "sudo service mariadb start");

        final String type;
        final String serverUrl;
        final String user;
        final String password;
        final String howToStart;

        Kind(String type, String serverUrl, String user, String password, String howToStart) {
            this.type = type;
            this.serverUrl = serverUrl;
            this.user = user;
            this.password = password;
            this.howToStart = howToStart;
        }
    }

    private final Kind kind;
    private final String name;

    private ServerDatabase(Kind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    /** Creates the database; fails saying how to start the server when it cannot be reached. */
    static ServerDatabase create(Kind kind) {
        String name = "cm_dist_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(kind); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(kind.type + " is not reachable at " + kind.serverUrl + " as " + kind.user
                    + " (" + e.getMessage() + "). Start it (for example `" + kind.howToStart + "`), or point the "
                    + "CM_TEST_* variables at a server where this user may create databases.", e);
        }
        return new ServerDatabase(kind, name);
    }

    /** Writes a contextuate-monitor.json selecting this database into {@code dir}. */
    Path writeConfig(Path dir) throws IOException {
        int query = kind.serverUrl.indexOf('?');
        String base = query < 0 ? kind.serverUrl : kind.serverUrl.substring(0, query);
        int slash = base.indexOf('/', base.indexOf("//") + 2);
        String url = (slash < 0 ? base + "/" : base.substring(0, slash + 1)) + name
                + (query < 0 ? "" : kind.serverUrl.substring(query));
        String json = """
                { "persistence": { "type": "%s", "database": { "url": "%s", "user": "%s", "password": "%s",
                  "pool": { "maximumPoolSize": 4 } } } }
                """.formatted(kind.type, url, kind.user, kind.password);
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name + ".json"), json);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connect(kind); Statement s = c.createStatement()) {
            s.execute(kind == Kind.POSTGRESQL ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                    : "DROP DATABASE IF EXISTS " + name);
        }
    }

    private static Connection connect(Kind kind) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", kind.user);
        p.setProperty("password", kind.password);
        return DriverManager.getConnection(kind.serverUrl, p);
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
