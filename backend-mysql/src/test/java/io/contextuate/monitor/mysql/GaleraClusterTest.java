package io.contextuate.monitor.mysql;

import io.contextuate.monitor.conformance.MonitorStoreConformance;
import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreSettings;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MySQL backend on a real three-node MariaDB Galera cluster of its own ({@code scripts/galera-cluster.sh}, on
 * free loopback ports, started before and removed after, even when a test fails): the whole conformance kit
 * through node 1, two writers on two nodes writing into the same sessions at once, and two processes on two nodes
 * creating or adopting the same database at the same moment (kept apart by the schema lease).
 */
class GaleraClusterTest extends MonitorStoreConformance {

    private static int basePort;
    private static final Path SCRIPT = Path.of("..", "scripts", "galera-cluster.sh").toAbsolutePath().normalize();
    private static final String DATABASE = "cm_gal_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        basePort = freeBasePort();
        dir = Files.createTempDirectory("contextuate-galera");
        // the nodes run as the mysql user, which must reach their data directories
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        script("start");
        try (Connection c = connect(1, ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        try {
            script("stop");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** {@code b..b+2} and {@code b+1200..b+1208} free: the script's SQL and Galera ports for base {@code b}. */
    private static int freeBasePort() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20_000 + random.nextInt(20_000);
            if (free(base, 3) && free(base + 1200, 9)) {
                return base;
            }
        }
        throw new AssertionError("no free loopback ports for a Galera cluster");
    }

    private static boolean free(int from, int count) {
        for (int port = from; port < from + count; port++) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1,
                    java.net.InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (java.io.IOException inUse) {
                return false;
            }
        }
        return true;
    }

    private static void script(String command) throws Exception {
        ProcessBuilder b = new ProcessBuilder("bash", SCRIPT.toString(), command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("script-" + command + ".log").toFile());
        b.environment().put("GALERA_DIR", dir.resolve("cluster").toString());
        b.environment().put("GALERA_BASE_PORT", Integer.toString(basePort));
        Process p = b.start();
        p.getOutputStream().close();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(SCRIPT + " " + command + " failed: "
                    + Files.readString(dir.resolve("script-" + command + ".log")));
        }
    }

    private static Connection connect(int node, String database) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + (basePort + node - 1) + "/" + database
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true", "root", "");
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION wsrep_sync_wait = 1"); // reads wait until this node applied what was committed
        }
        return c;
    }

    private static StoreContext context(int node) {
        return context(node, DATABASE);
    }

    private static StoreContext context(int node, String name) {
        Map<String, Object> database = new HashMap<>();
        database.put("host", "127.0.0.1");
        database.put("port", basePort + node - 1);
        database.put("database", name);
        database.put("user", "root");
        database.put("password", "");
        database.put("ssl", Map.of("mode", "DISABLED"));
        database.put("pool", Map.of("maximumPoolSize", 4));
        return new StoreContext(StoreSettings.of(Map.of("type", "mysql", "database", database)), null, null);
    }

    @Override
    protected MonitorStore openStore() {
        MonitorStore store = new MySqlStoreProvider().open(context(1));
        try (Connection c = connect(1, DATABASE); Statement s = c.createStatement()) {
            s.execute("DELETE FROM events");
            s.execute("DELETE FROM sessions");
        } catch (SQLException e) {
            store.close();
            throw new AssertionError(e);
        }
        return store;
    }

    @Test
    void twoWritersOnTwoNodesWritingTheSameSessionsStoreEveryRowOnceOnEveryNode() throws Exception {
        try (MonitorStore first = openStore(); MonitorStore second = new MySqlStoreProvider().open(context(2))) {
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> write(first, 0, 4000));
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> write(second, 2000, 6000));
            int added = a.get(300, TimeUnit.SECONDS) + b.get(300, TimeUnit.SECONDS);
            assertThat(added).as("new events reported by both writers").isEqualTo(6000);
        }
        List<String> reference = null;
        for (int node = 1; node <= 3; node++) {
            try (Connection c = connect(node, DATABASE); Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT COUNT(*) FROM events")).as("events on node " + node).isEqualTo(6000);
                assertThat(count(s, "SELECT COUNT(DISTINCT session_id, id) FROM events")).isEqualTo(6000);
                assertThat(count(s, "SELECT COUNT(*) FROM sessions WHERE NOT is_placeholder")).isEqualTo(20);
            }
            try (MonitorStore store = new MySqlStoreProvider().open(context(node))) {
                List<String> all = new ArrayList<>();
                for (int session = 0; session < 20; session++) {
                    store.getEvents(sessionId(session), EventQuery.newest(10_000))
                            .forEach(e -> all.add(MonitorJson.toText(MonitorJson.toJson(e))));
                }
                if (reference == null) {
                    reference = all;
                } else {
                    assertThat(all).as("node " + node + " holds what node 1 holds").isEqualTo(reference);
                }
            }
        }
    }

    @Test
    void twoStoresOpeningTheSameFreshDatabaseOnTwoNodesAtTheSameMomentApplyTheSchemaOnce() throws Exception {
        for (int round = 0; round < 4; round++) {
            String name = freshDatabase("fresh" + round);
            try {
                List<Throwable> failures = atOnce(node -> {
                    try (MonitorStore store = new MySqlStoreProvider().open(context(node, name))) {
                        assertThat(store.stats().events()).isZero();
                    }
                });
                assertThat(failures).as("round " + round + ": both openers succeed").isEmpty();
                assertAppliedOnce(name, round);
            } finally {
                dropDatabase(name);
            }
        }
    }

    @Test
    void twoSchemaAppliesAdoptingTheSameSeedDatabaseOnTwoNodesAtTheSameMomentConvertItOnce() throws Exception {
        for (int round = 0; round < 2; round++) {
            String name = freshDatabase("seed" + round);
            try {
                try (Connection c = connect(1, name); Statement s = c.createStatement()) {
                    for (String sql : SeedAdoptionTest.statements(SeedAdoptionTest.seedScript())) {
                        s.execute(sql);
                    }
                }
                long events = countOn(2, name, "SELECT COUNT(*) FROM events");
                assertThat(events).isPositive();
                List<Throwable> failures = atOnce(node ->
                        assertThat(new MySqlStoreProvider().schema(context(node, name)).orElseThrow().apply()
                                .currentVersion()).isEqualTo("1"));
                assertThat(failures).as("round " + round + ": both applies succeed").isEmpty();
                assertAppliedOnce(name, round);
                assertThat(countOn(3, name, "SELECT COUNT(*) FROM events")).isEqualTo(events);
                assertThat(countOn(3, name, "SELECT COUNT(*) FROM events WHERE seq IS NULL")).isZero();
            } finally {
                dropDatabase(name);
            }
        }
    }

    /** Runs {@code work} on node 1 and on node 2 in two threads released at the same moment; their failures. */
    private static List<Throwable> atOnce(java.util.function.IntConsumer work) throws Exception {
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<CompletableFuture<Throwable>> runs = new ArrayList<>();
        for (int node = 1; node <= 2; node++) {
            int n = node;
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    ready.countDown();
                    go.await();
                    work.accept(n);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            }, runnable -> new Thread(runnable, "opener-node" + n).start()));
        }
        ready.await(30, TimeUnit.SECONDS);
        go.countDown();
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<Throwable> run : runs) {
            Throwable t = run.get(300, TimeUnit.SECONDS);
            if (t != null) {
                failures.add(t);
            }
        }
        return failures;
    }

    @Test
    void aBatchLargerThanTheNodesWritesetLimitIsSavedInTransactionsThatFitIt() throws Exception {
        String name = freshDatabase("writeset");
        long original = countOn(1, "", "SELECT @@GLOBAL.wsrep_max_ws_size");
        try {
            try (Connection c = connect(1, ""); Statement s = c.createStatement()) {
                s.execute("SET GLOBAL wsrep_max_ws_size = " + (1024 * 1024));
            }
            // the limit holds: this node refuses one transaction of 2 MiB
            try (Connection c = connect(1, name); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE probe (n INT PRIMARY KEY, v TEXT)");
                c.setAutoCommit(false);
                String kib = "x".repeat(1024);
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                    for (int i = 0; i < 2048; i++) {
                        s.execute("INSERT INTO probe VALUES (" + i + ", '" + kib + "')");
                    }
                    c.commit();
                }).isInstanceOf(SQLException.class);
                c.rollback();
            }
            List<MonitorEvent> batch = new ArrayList<>();
            String payload = "y".repeat(1000);
            for (int i = 0; i < 3000; i++) {
                batch.add(MonitorEvent.builder().id("w" + i).timestamp(1_700_000_000_000L + i)
                        .sessionId(sessionId(i % 5)).machineId("m").workingDirectory("/w")
                        .eventType(EventType.TOOL_RESULT).hookType(HookType.POST_TOOL_USE)
                        .data(MonitorJson.newObject().put("toolOutput", payload)).build());
            }
            try (MonitorStore store = new MySqlStoreProvider().open(context(1, name))) {
                assertThat(store.saveEvents(batch)).as("about 3 MiB in one call").isEqualTo(3000);
            }
            for (int node = 1; node <= 3; node++) {
                assertThat(countOn(node, name, "SELECT COUNT(*) FROM events")).as("node " + node).isEqualTo(3000);
            }
        } finally {
            try (Connection c = connect(1, ""); Statement s = c.createStatement()) {
                s.execute("SET GLOBAL wsrep_max_ws_size = " + original);
            }
            dropDatabase(name);
        }
    }

    /** Each migration once and successful in the history, on every node; no lease left behind. */
    private static void assertAppliedOnce(String name, int round) throws SQLException {
        for (int node = 1; node <= 3; node++) {
            String on = "round " + round + ", node " + node;
            assertThat(countOn(node, name, "SELECT COUNT(*) FROM schema_history WHERE version = '1' AND success = 1"))
                    .as(on).isEqualTo(1);
            assertThat(countOn(node, name, "SELECT COUNT(*) FROM schema_history WHERE success = 0")).as(on).isZero();
            assertThat(countOn(node, name, "SELECT COUNT(*) - COUNT(DISTINCT version) FROM schema_history"))
                    .as(on + ": no version twice").isZero();
            assertThat(countOn(node, name, "SELECT COUNT(*) FROM schema_lease")).as(on + ": lease released")
                    .isZero();
        }
    }

    /** A new empty database, made through node 1 and visible on all three nodes. */
    private static String freshDatabase(String what) throws SQLException {
        String name = DATABASE + "_" + what;
        try (Connection c = connect(1, ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        for (int node = 2; node <= 3; node++) {
            assertThat(countOn(node, "", "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                    + name + "'")).isEqualTo(1);
        }
        return name;
    }

    private static void dropDatabase(String name) throws SQLException {
        try (Connection c = connect(1, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    private static long countOn(int node, String database, String sql) throws SQLException {
        try (Connection c = connect(node, database); Statement s = c.createStatement()) {
            return count(s, sql);
        }
    }

    /** Saves the sessions and events {@code from..to} in batches of 250; the number of new events. */
    private static int write(MonitorStore store, int from, int to) {
        for (int s = 0; s < 20; s++) {
            store.saveSession(SessionMeta.builder().sessionId(sessionId(s)).machineId("m").workingDirectory("/w")
                    .startTime(1_700_000_000_000L + s).status(SessionStatus.ACTIVE).build());
        }
        int added = 0;
        for (int n = from; n < to; n += 250) {
            List<MonitorEvent> batch = new ArrayList<>();
            for (int i = n; i < Math.min(to, n + 250); i++) {
                batch.add(MonitorEvent.builder().id("e" + i).timestamp(1_700_000_000_000L + i)
                        .sessionId(sessionId(i % 20)).machineId("m").workingDirectory("/w")
                        .eventType(EventType.TOOL_CALL).hookType(HookType.PRE_TOOL_USE)
                        .data(MonitorJson.newObject().put("n", i)).build());
            }
            added += store.saveEvents(batch);
        }
        return added;
    }

    private static String sessionId(int s) {
        return "galera-session-" + s;
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
