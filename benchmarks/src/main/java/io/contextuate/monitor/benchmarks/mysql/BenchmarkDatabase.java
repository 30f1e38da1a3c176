package io.contextuate.monitor.benchmarks.mysql;

import io.contextuate.monitor.mysql.MySqlStoreProvider;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreSettings;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A scratch database {@code cm_bench_<random>} on the benchmark server (127.0.0.1:3306 as root unless
 * {@code CM_TEST_MYSQL_URL}, {@code CM_TEST_MYSQL_USER}, {@code CM_TEST_MYSQL_PASSWORD} say otherwise), dropped
 * on close; stores and plain connections to it.
 */
final class BenchmarkDatabase implements AutoCloseable {

    private static final String SERVER = env("CM_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/");
    private static final String USER = env("CM_TEST_MYSQL_USER", "root");
    private static final String PASSWORD = env("CM_TEST_MYSQL_PASSWORD", "");
    private static final String OPTIONS = "?sslMode=DISABLED&allowLoadLocalInfile=true&useUnicode=true"
            + "&characterEncoding=UTF-8&rewriteBatchedStatements=true&cachePrepStmts=true&useLocalSessionState=true";

    private final String name;

    private BenchmarkDatabase(String name) {
        this.name = name;
    }

    static BenchmarkDatabase create() throws SQLException {
        String name = "cm_bench_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(server() + OPTIONS, USER, PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        return new BenchmarkDatabase(name);
    }

    /** A plain JDBC connection to the database (LOAD DATA LOCAL allowed). */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(server() + name + OPTIONS, USER, PASSWORD);
    }

    /** Applies the schema for a table prefix, as {@code schema apply} does. */
    void applySchema(String prefix) {
        new MySqlStoreProvider().schema(context(prefix)).orElseThrow().apply();
    }

    /** Opens the store of a table prefix through the provider, as an application does. */
    MonitorStore open(String prefix) {
        return new MySqlStoreProvider().open(context(prefix));
    }

    String name() {
        return name;
    }

    private StoreContext context(String prefix) {
        URI uri = URI.create(server().substring("jdbc:".length()));
        Map<String, Object> database = Map.of("host", uri.getHost(), "port", uri.getPort() < 0 ? 3306 : uri.getPort(),
                "database", name, "user", USER, "password", PASSWORD, "tablePrefix", prefix,
                "ssl", Map.of("mode", "DISABLED"), "properties", driverProperties());
        return new StoreContext(StoreSettings.of(Map.of("type", "mysql", "database", database)), null, null);
    }

    /** Extra driver properties for the store, from {@code CM_BENCH_MYSQL_PROPERTIES} ("k=v,k=v"), for experiments. */
    private static Map<String, Object> driverProperties() {
        Map<String, Object> properties = new java.util.HashMap<>();
        for (String pair : env("CM_BENCH_MYSQL_PROPERTIES", "").split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                properties.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return properties;
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = DriverManager.getConnection(server() + OPTIONS, USER, PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    private static String server() {
        return SERVER.endsWith("/") ? SERVER : SERVER + "/";
    }

    private static String env(String key, String fallback) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
