package io.contextuate.monitor.benchmarks.postgresql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.postgresql.PostgresStoreProvider;
import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreSettings;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * The partitioned layout at scale: a year of events (500 a session, sessions spread evenly over 360 days from
 * 2025-01-01) loaded with the bulk path ({@code saveEvents}) into a store partitioned monthly and into an
 * unpartitioned one. Measures the reads on the partitioned store at a small and at the full size, and
 * {@code pruneOldSessions} of the oldest quarter (cutoff 2025-04-01) on both stores, which must return the same.
 *
 * <p>Server as {@link PostgresBenchmark} ({@code CM_BENCH_PG_URL}, {@code CM_BENCH_PG_USER}); sizes
 * {@code -Dbench.small=100000 -Dbench.large=10000000}. Payloads are small (about 150 bytes of data) to fit two
 * stores of the full size on the disk.
 */
public final class PartitionedBenchmark {

    private static final int EVENTS_PER_SESSION = 500;
    private static final int BATCH = 10_000;
    private static final long T0 = 1_735_689_600_000L; // 2025-01-01T00:00Z
    private static final long DAY = 86_400_000L;
    private static final String PRUNED_TABLES = "SELECT count(*) FROM pg_class WHERE relkind = 'r'"
            + " AND relnamespace = 'part'::regnamespace AND relname LIKE 'events\\_pruned\\_%'";

    private final String serverUrl;
    private final String user;
    private final String database;
    private long interval;

    private PartitionedBenchmark(String serverUrl, String user) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.database = "cm_pg_part_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    public static void main(String[] args) throws Exception {
        new PartitionedBenchmark(env("CM_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                env("CM_BENCH_PG_USER", "postgres"))
                .run(Integer.getInteger("bench.small", 100_000), Integer.getInteger("bench.large", 10_000_000));
    }

    private void run(int small, int large) throws Exception {
        int sessions = large / EVENTS_PER_SESSION;
        interval = 360 * DAY / sessions;
        admin("CREATE DATABASE " + database);
        try (MonitorStore partitioned = open("part", "monthly"); MonitorStore plain = open("plain", "none");
             Connection c = connect()) {
            System.out.printf(Locale.ROOT, "PostgreSQL %s, database %s, %,d sessions of %d events, one every %.1f min%n",
                    serverVersion(c), database, sessions, EVENTS_PER_SESSION, interval / 60_000.0);
            load(List.of(partitioned), 0, small);
            Map<String, Double> atSmall = reads(partitioned, c, "part", small);
            load(List.of(partitioned, plain), small, large);
            load(List.of(plain), 0, small);
            Map<String, Double> atLarge = reads(partitioned, c, "part", large);
            for (String q : atSmall.keySet()) {
                System.out.printf(Locale.ROOT, "READ %-26s %8.3f ms at %,d, %8.3f ms at %,d: ratio %.2f (goal <= 1.50)%n",
                        q, atSmall.get(q), small, atLarge.get(q), large, atLarge.get(q) / atSmall.get(q));
            }
            sql(c, "VACUUM ANALYZE plain.events", "VACUUM ANALYZE plain.sessions", "CHECKPOINT");
            long cutoff = T0 + 90 * DAY;
            System.out.printf(Locale.ROOT, "partitions before prune: %d; events: %,d partitioned, %,d plain%n",
                    count(c, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'part.events'::regclass"),
                    count(c, "SELECT count(*) FROM part.events"), count(c, "SELECT count(*) FROM plain.events"));
            long t0 = System.nanoTime();
            int prunedPartitioned = partitioned.pruneOldSessions(cutoff);
            double partSeconds = seconds(t0);
            // the store drops the partitions the prune detached on a thread of its own, after the prune's commit
            long giveUp = System.nanoTime() + 60_000_000_000L;
            while (count(c, PRUNED_TABLES) > 0) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("the store did not drop the detached partitions within 60 s");
                }
                Thread.sleep(5);
            }
            System.out.printf(Locale.ROOT, "the detached partitions were dropped by the store %.2f s after the prune"
                    + " began (its drop included)%n", seconds(t0));
            sql(c, "CHECKPOINT");
            t0 = System.nanoTime();
            int prunedPlain = plain.pruneOldSessions(cutoff);
            double plainSeconds = seconds(t0);
            System.out.printf(Locale.ROOT, "PRUNE oldest quarter: partitioned %.2f s (%,d sessions), unpartitioned"
                            + " DELETE %.2f s (%,d sessions): %.1fx faster (goal >= 10)%n", partSeconds,
                    prunedPartitioned, plainSeconds, prunedPlain, plainSeconds / partSeconds);
            // a DELETE leaves dead rows and index entries for VACUUM; dropped partitions leave none
            t0 = System.nanoTime();
            sql(c, "VACUUM part.events");
            double partVacuum = seconds(t0);
            t0 = System.nanoTime();
            sql(c, "VACUUM plain.events");
            double plainVacuum = seconds(t0);
            System.out.printf(Locale.ROOT, "PRUNE + VACUUM: partitioned %.2f s (vacuum %.2f s), unpartitioned %.2f s"
                            + " (vacuum %.2f s): %.1fx faster%n", partSeconds + partVacuum, partVacuum,
                    plainSeconds + plainVacuum, plainVacuum, (plainSeconds + plainVacuum) / (partSeconds + partVacuum));
            System.out.printf(Locale.ROOT, "after prune: events %,d partitioned, %,d plain; partitions %d%n",
                    count(c, "SELECT count(*) FROM part.events"), count(c, "SELECT count(*) FROM plain.events"),
                    count(c, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'part.events'::regclass"));
        } finally {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private void load(List<MonitorStore> stores, int from, int to) {
        long t0 = System.nanoTime();
        // session saves are one round trip each: eight at a time
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> saves = new ArrayList<>();
            for (int s = from / EVENTS_PER_SESSION; s < to / EVENTS_PER_SESSION; s++) {
                SessionMeta session = session(s);
                saves.add(pool.submit(() -> stores.forEach(store -> store.saveSession(session))));
            }
            for (java.util.concurrent.Future<?> f : saves) {
                f.get();
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
        for (int n = from; n < to; n += BATCH) {
            List<MonitorEvent> batch = new ArrayList<>(BATCH);
            for (int i = n; i < Math.min(to, n + BATCH); i++) {
                batch.add(event(i));
            }
            stores.forEach(store -> store.saveEvents(batch));
            if ((n / BATCH) % 100 == 0) {
                System.out.printf(Locale.ROOT, "  loaded %,d events (%.0f s)%n", n, seconds(t0));
            }
        }
        System.out.printf(Locale.ROOT, "loaded events %,d..%,d into %d store(s) in %.1f s%n", from, to, stores.size(),
                seconds(t0));
    }

    private SessionMeta session(int s) {
        long start = T0 + s * interval + 600_000;
        return SessionMeta.builder().sessionId(sessionId(s)).machineId("bench-machine")
                .workingDirectory("/home/dev/project-" + s % 100).startTime(start)
                .endTime(start + EVENTS_PER_SESSION * 250L).status(SessionStatus.COMPLETED).build();
    }

    private MonitorEvent event(int n) {
        int s = n / EVENTS_PER_SESSION;
        int within = n % EVENTS_PER_SESSION;
        Random r = new Random(n);
        ObjectNode data = MonitorJson.newObject();
        boolean call = within % 2 == 0;
        data.put("toolName", "Bash");
        if (call) {
            data.putObject("toolInput").put("command", "ls -la src/module-" + r.nextInt(1000));
        } else {
            data.put("toolOutput", "ok " + r.nextInt(100_000));
        }
        return MonitorEvent.builder().id(new UUID(n * 0x9E3779B97F4A7C15L, ~n).toString())
                .timestamp(T0 + s * interval + 600_000 + within * 250L).sessionId(sessionId(s))
                .machineId("bench-machine").workingDirectory("/home/dev/project-" + s % 100)
                .eventType(call ? EventType.TOOL_CALL : EventType.TOOL_RESULT)
                .hookType(call ? HookType.PRE_TOOL_USE : HookType.POST_TOOL_USE).data(data).build();
    }

    private static String sessionId(int s) {
        return String.format("%016x", 0x5eed0000_00000000L + s * 7919L);
    }

    private Map<String, Double> reads(MonitorStore store, Connection c, String schema, int events)
            throws SQLException {
        sql(c, "VACUUM ANALYZE " + schema + ".events", "VACUUM ANALYZE " + schema + ".sessions");
        int sessions = events / EVENTS_PER_SESSION;
        Random random = new Random(42);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("getEvents(session, 100)", median(500, i -> store.getEvents(sessionId(random.nextInt(sessions)),
                EventQuery.newest(100))));
        out.put("getAllRecentEvents(200)", median(200, i -> store.getAllRecentEvents(200)));
        out.put("getSessions(limit 50)", median(300, i -> store.getSessions(SessionQuery.all().withLimit(50))));
        return out;
    }

    private static double median(int runs, IntConsumer query) {
        for (int i = 0; i < runs; i++) {
            query.accept(i);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            query.accept(i);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    private MonitorStore open(String schema, String partitioning) throws SQLException {
        try (Connection c = connect()) {
            sql(c, "CREATE SCHEMA " + schema);
        }
        Map<String, Object> p = new HashMap<>();
        p.put("type", "postgresql");
        p.put("database.url", databaseUrl());
        p.put("database.user", user);
        p.put("database.schema", schema);
        p.put("database.partitioning", partitioning);
        return new PostgresStoreProvider().open(new StoreContext(StoreSettings.of(p), null, null));
    }

    private String databaseUrl() {
        int slash = serverUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = serverUrl.indexOf('?');
        return serverUrl.substring(0, slash + 1) + database + (query < 0 ? "" : serverUrl.substring(query));
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(databaseUrl(), user, null);
    }

    private void admin(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl, user, null)) {
            sql(c, statement);
        }
    }

    private static long count(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String serverVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void sql(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : statements) {
                s.execute(q);
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }
}
