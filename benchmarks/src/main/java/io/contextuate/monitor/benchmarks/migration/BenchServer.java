package io.contextuate.monitor.benchmarks.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * One of the two local SQL servers of the benchmark (PostgreSQL 127.0.0.1:5432 as postgres, MariaDB 127.0.0.1:3306
 * as root; {@code CM_TEST_PG_URL}/{@code CM_TEST_PG_USER}, {@code CM_TEST_MYSQL_URL}/{@code CM_TEST_MYSQL_USER}/
 * {@code CM_TEST_MYSQL_PASSWORD} override): scratch databases, a store configuration naming one, and the server's
 * own bulk load of prepared files.
 */
enum BenchServer {
    /** PostgreSQL, loaded with {@code COPY ... FROM STDIN} through pgjdbc's CopyManager. */
    POSTGRESQL("postgresql", env("CM_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/"), env("CM_TEST_PG_USER",
            "postgres"), env("CM_TEST_PG_PASSWORD", ""), "", BulkTextFormat.COPY),
    /** MariaDB or MySQL, loaded with {@code LOAD DATA LOCAL INFILE}. */
    MYSQL("mysql", env("CM_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/"), env("CM_TEST_MYSQL_USER", "root"),
            env("CM_TEST_MYSQL_PASSWORD", ""), "?allowLoadLocalInfile=true&sslMode=DISABLED", BulkTextFormat.LOAD_DATA);

    final String type;
    final BulkTextFormat format;
    private final String server;
    private final String user;
    private final String password;
    private final String baselineOptions;

    BenchServer(String type, String server, String user, String password, String baselineOptions,
                BulkTextFormat format) {
        this.type = type;
        this.server = server.endsWith("/") ? server : server + "/";
        this.user = user;
        this.password = password;
        this.baselineOptions = baselineOptions;
        this.format = format;
    }

    /** Creates the (empty) database; the name is the caller's fixed {@code cm_bench_*} name. */
    void create(String database) throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + (this == POSTGRESQL ? " WITH (FORCE)" : ""));
            s.execute("CREATE DATABASE " + database
                    + (this == MYSQL ? " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" : ""));
        }
    }

    void drop(String database) throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + (this == POSTGRESQL ? " WITH (FORCE)" : ""));
        }
    }

    /** Flushes dirty pages before a timed run, so that neither run pays for the previous one's writes. */
    void settle() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            if (this == POSTGRESQL) {
                s.execute("CHECKPOINT");
            } else {
                s.execute("FLUSH TABLES");
            }
        }
    }

    /** Writes a {@code contextuate-monitor.json} selecting the database; the file. */
    Path writeConfig(String database, Path dir) throws IOException {
        ObjectNode root = MonitorJson.newObject();
        ObjectNode persistence = root.putObject("persistence");
        persistence.put("enabled", true);
        persistence.put("type", type);
        ObjectNode db = persistence.putObject("database");
        db.put("url", server + database);
        db.put("user", user);
        if (!password.isEmpty()) {
            db.put("password", password);
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(database + ".json");
        Files.write(file, MonitorJson.toUpstreamPretty(root));
        return file;
    }

    /** The server's own bulk load of the prepared files into the database's tables; the event rows loaded. */
    long bulkLoad(String database, BaselineFiles files) throws SQLException, IOException {
        try (Connection c = connect(database)) {
            if (this == POSTGRESQL) {
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                copyIn(copy, "sessions", BulkTextFormat.SESSION_COLUMNS, files.sessions());
                return copyIn(copy, "events", String.format(BulkTextFormat.EVENT_COLUMNS, "\""), files.events());
            }
            try (Statement s = c.createStatement()) {
                s.execute(loadData(files.sessions(), "sessions", BulkTextFormat.SESSION_COLUMNS));
                return s.executeLargeUpdate(loadData(files.events(), "events",
                        String.format(BulkTextFormat.EVENT_COLUMNS, "`")));
            }
        }
    }

    /** The number of rows in the events table. */
    long countEvents(String database) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM events")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long copyIn(CopyManager copy, String table, String columns, Path file)
            throws SQLException, IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            return copy.copyIn("COPY " + table + " (" + columns + ") FROM STDIN", in, 1 << 20);
        }
    }

    // the path is one this benchmark wrote (no quote in it is expected; one would be doubled)
    private static String loadData(Path file, String table, String columns) {
        return "LOAD DATA LOCAL INFILE '" + file.toAbsolutePath().toString().replace("\\", "\\\\").replace("'", "''")
                + "' INTO TABLE " + table + " CHARACTER SET utf8mb4 (" + columns + ")";
    }

    private Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        String db = database.isEmpty() && this == POSTGRESQL ? "postgres" : database;
        return DriverManager.getConnection(server + db + baselineOptions, p);
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
