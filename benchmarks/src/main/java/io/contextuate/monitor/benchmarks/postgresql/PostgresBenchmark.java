package io.contextuate.monitor.benchmarks.postgresql;

import io.contextuate.monitor.postgresql.PostgresStoreProvider;
import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreSettings;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.internal.RowMapping;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * The PostgreSQL store against PostgreSQL itself, in one run on one server: bulk writes against COPY, single writes
 * against plain JDBC prepared inserts, and reads at 100k and at 1M events. Prints ratios (store / baseline, higher is
 * better) and the plans of the read queries.
 *
 * <p>Server: {@code CM_BENCH_PG_URL} (a JDBC URL of any database, default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}) and {@code CM_BENCH_PG_USER} (default postgres); the benchmark
 * creates a database {@code cm_pg_bench_<random>} and drops it at the end. Sizes: {@code -Dbench.bulk=100000},
 * {@code -Dbench.single=4500}, {@code -Dbench.small=100000}, {@code -Dbench.large=1000000}; parts:
 * {@code -Dbench.only=bulk,single,reads}.
 */
public final class PostgresBenchmark {

    private static final int EVENTS_PER_SESSION = 500;
    private static final int BATCH = 10_000;
    private static final int ROUNDS = 5;
    private static final int WARM_UP = 3000;

    private final String serverUrl;
    private final String user;
    private final String database;
    private final BenchmarkEvents generator = new BenchmarkEvents(EVENTS_PER_SESSION);

    private PostgresBenchmark(String serverUrl, String user) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.database = "cm_pg_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    public static void main(String[] args) throws Exception {
        String url = env("CM_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = env("CM_BENCH_PG_USER", "postgres");
        new PostgresBenchmark(url, user).run(Integer.getInteger("bench.bulk", 100_000),
                Integer.getInteger("bench.single", 4_500), Integer.getInteger("bench.small", 100_000),
                Integer.getInteger("bench.large", 1_000_000));
    }

    private void run(int bulk, int single, int small, int large) throws Exception {
        admin("CREATE DATABASE " + database);
        try {
            System.out.printf(Locale.ROOT, "PostgreSQL %s, %d cores, database %s%n", serverVersion(),
                    Runtime.getRuntime().availableProcessors(), database);
            String only = System.getProperty("bench.only", "bulk,single,reads");
            if (only.contains("bulk")) {
                bulkWrites(bulk);
            }
            if (only.contains("single")) {
                singleWrites(single);
            }
            if (only.contains("reads")) {
                reads(small, large);
            }
        } finally {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    // ---------------------------------------------------------------- bulk

    private void bulkWrites(int count) throws Exception {
        System.out.printf(Locale.ROOT, "%n== Bulk write: %,d events, saveEvents (batches of %,d) vs COPY, %d rounds"
                + " after an untimed one ==%n", count, BATCH, ROUNDS);
        List<MonitorEvent> events = generator.events(0, count);
        byte[] copyText = RawBaselines.copyText(events);
        System.out.printf(Locale.ROOT, "payload: %,d bytes of COPY text%n", copyText.length);
        try (MonitorStore store = open("bulk_store"); MonitorStore copyTarget = open("bulk_copy");
             Connection c = connect()) {
            copyTarget.stats();
            // warm-up, untimed: one round of both paths on the first 20% of the events
            int warmUp = count / 5;
            placeholderSessions(c, "bulk_copy", count);
            RawBaselines.copy(c, "bulk_copy", RawBaselines.copyText(events.subList(0, warmUp)));
            for (int from = 0; from < warmUp; from += BATCH) {
                store.saveEvents(events.subList(from, Math.min(warmUp, from + BATCH)));
            }
            double bestStore = 0;
            double bestCopy = 0;
            double[] ratios = new double[ROUNDS];
            for (int round = 1; round <= ROUNDS; round++) {
                sql(c, "TRUNCATE bulk_copy.events, bulk_copy.sessions", "TRUNCATE bulk_store.events, bulk_store.sessions");
                placeholderSessions(c, "bulk_copy", count);
                // the two take turns going first
                double copyRate = 0;
                double storeRate = 0;
                for (int turn = 0; turn < 2; turn++) {
                    sql(c, "CHECKPOINT");
                    long t0 = System.nanoTime();
                    if ((turn + round) % 2 == 1) {
                        copyRate = RawBaselines.copy(c, "bulk_copy", copyText) / seconds(t0);
                    } else {
                        int saved = 0;
                        for (int from = 0; from < count; from += BATCH) {
                            saved += store.saveEvents(events.subList(from, Math.min(count, from + BATCH)));
                        }
                        storeRate = saved / seconds(t0);
                    }
                }
                System.out.printf(Locale.ROOT, "round %d: COPY %,.0f events/s, saveEvents %,.0f events/s, ratio %.2f%n",
                        round, copyRate, storeRate, storeRate / copyRate);
                ratios[round - 1] = storeRate / copyRate;
                bestStore = Math.max(bestStore, storeRate);
                bestCopy = Math.max(bestCopy, copyRate);
            }
            Arrays.sort(ratios);
            System.out.printf(Locale.ROOT, "BULK median of the %d round ratios %.2f (goal >= 0.80); best rates: COPY"
                    + " %,.0f/s, saveEvents %,.0f/s, ratio %.2f%n", ROUNDS, ratios[ROUNDS / 2], bestCopy, bestStore,
                    bestStore / bestCopy);
            long t0 = System.nanoTime();
            events.forEach(RowMapping::toRow);
            System.out.printf(Locale.ROOT, "of which client side: mapping the %,d events to rows (JSON text) alone"
                    + " takes %.2f s; the COPY baseline gets its text ready-made%n", count, seconds(t0));
        }
    }

    /** The sessions rows COPY needs for its foreign key (the store makes its own placeholders). */
    private void placeholderSessions(Connection c, String schema, int events) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".sessions (session_id, machine_id,"
                + " working_directory, start_time, status, is_placeholder) VALUES (?, 'bench-machine', '/', 0,"
                + " 'active', true)")) {
            for (int i = 0; i <= events / EVENTS_PER_SESSION; i++) {
                s.setString(1, BenchmarkEvents.sessionId(i));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    // ---------------------------------------------------------------- single

    private void singleWrites(int count) throws Exception {
        System.out.printf(Locale.ROOT, "%n== Single writes: %,d events one at a time (interleaved slices, after %,d"
                + " untimed each), saveEvent vs JDBC prepared INSERT, autocommit ==%n", count, WARM_UP);
        List<MonitorEvent> events = generator.events(0, count);
        List<EventRow> rows = events.stream().map(RowMapping::toRow).toList();
        try (MonitorStore store = open("single_store"); MonitorStore jdbcTarget = open("single_jdbc");
             Connection c = connect()) {
            jdbcTarget.stats();
            store.stats();
            // every event's session exists on both sides, as in steady state (a sync carries a session's record
            // before its events); the first event of an unknown session is measured on its own below
            placeholderSessions(c, "single_jdbc", count + WARM_UP);
            placeholderSessions(c, "single_store", count + WARM_UP);
            // warm-up, untimed: each path writes its own events until the JIT has compiled it
            List<MonitorEvent> warmUp = generator.events(count, count + WARM_UP);
            RawBaselines.insertEach(c, "single_jdbc", warmUp.stream().map(RowMapping::toRow).toList());
            warmUp.forEach(store::saveEvent);
            int slice = 50; // short slices, many times interleaved: the disk's latency drifts
            double storeNanos = 0;
            double premappedNanos = 0;
            double mappingNanos = 0;
            int measured = 0;
            for (int from = 1; from + 3 * slice <= count; from += 3 * slice) {
                long t0 = System.nanoTime();
                RawBaselines.insertEach(c, "single_jdbc", rows.subList(from, from + slice));
                premappedNanos += System.nanoTime() - t0;
                t0 = System.nanoTime();
                List<EventRow> mapped = new ArrayList<>(slice);
                for (MonitorEvent e : events.subList(from + slice, from + 2 * slice)) {
                    mapped.add(RowMapping.toRow(e));
                }
                RawBaselines.insertEach(c, "single_jdbc", mapped);
                mappingNanos += System.nanoTime() - t0;
                t0 = System.nanoTime();
                for (MonitorEvent e : events.subList(from + 2 * slice, from + 3 * slice)) {
                    store.saveEvent(e);
                }
                storeNanos += System.nanoTime() - t0;
                measured += slice;
            }
            double premappedRate = measured / (premappedNanos / 1e9);
            double mappingRate = measured / (mappingNanos / 1e9);
            double storeRate = measured / (storeNanos / 1e9);
            int fresh = 200;
            long t0 = System.nanoTime();
            for (int i = 0; i < fresh; i++) {
                store.saveEvent(events.get(i).toBuilder().sessionId("bench-new-session-" + i).build());
            }
            System.out.printf(Locale.ROOT, "SINGLE, first event of a session the store does not know yet (it makes"
                    + " the placeholder and inserts again): %.2f ms each, %d events%n",
                    (System.nanoTime() - t0) / 1e6 / fresh, fresh);
            System.out.printf(Locale.ROOT, "SINGLE: saveEvent %,.0f events/s; JDBC mapping each event to its row"
                            + " %,.0f/s, ratio %.2f (goal >= 0.90); JDBC with rows mapped beforehand %,.0f/s,"
                            + " ratio %.2f%n", storeRate, mappingRate, storeRate / mappingRate, premappedRate,
                    storeRate / premappedRate);
        }
    }

    // ---------------------------------------------------------------- reads

    private void reads(int small, int large) throws Exception {
        System.out.printf(Locale.ROOT, "%n== Reads at %,d and %,d events (%d events per session) ==%n", small, large,
                EVENTS_PER_SESSION);
        try (MonitorStore store = open("reads"); Connection c = connect()) {
            load(store, 0, small);
            Map<String, Double> atSmall = measureReads(store, c, small);
            load(store, small, large);
            Map<String, Double> atLarge = measureReads(store, c, large);
            for (String q : atSmall.keySet()) {
                double ratio = atLarge.get(q) / atSmall.get(q);
                System.out.printf(Locale.ROOT, "READ %-26s %,9.3f ms at %,d, %,9.3f ms at %,d: 1M/100k = %.2f"
                        + " (goal <= 1.50)%n", q, atSmall.get(q), small, atLarge.get(q), large, ratio);
            }
        }
    }

    private void load(MonitorStore store, int from, int to) {
        long t0 = System.nanoTime();
        for (int s = from / EVENTS_PER_SESSION; s < to / EVENTS_PER_SESSION; s++) {
            store.saveSession(generator.session(s));
        }
        for (long n = from; n < to; n += BATCH) {
            store.saveEvents(generator.events(n, Math.min(to, n + BATCH)));
        }
        System.out.printf(Locale.ROOT, "loaded events %,d..%,d in %.1f s%n", from, to, seconds(t0));
    }

    private Map<String, Double> measureReads(MonitorStore store, Connection c, int events) throws SQLException {
        sql(c, "VACUUM ANALYZE reads.events", "VACUUM ANALYZE reads.sessions");
        int sessions = events / EVENTS_PER_SESSION;
        Random random = new Random(42);
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        out.put("getEvents(session, 100)", median(500, i -> store.getEvents(
                BenchmarkEvents.sessionId(random.nextInt(sessions)), EventQuery.newest(100))));
        out.put("getAllRecentEvents(200)", median(200, i -> store.getAllRecentEvents(200)));
        out.put("getSessions(limit 50)", median(300, i -> store.getSessions(SessionQuery.all().withLimit(50))));
        String session = BenchmarkEvents.sessionId(sessions / 2);
        explain(c, "getEvents(session, 100) at " + events, "SELECT seq, id, session_id, \"timestamp\","
                + " parent_session_id, machine_id, working_directory, event_type, event_type_other, hook_type,"
                + " hook_type_other, data, extra, record_json FROM reads.events WHERE session_id = ?"
                + " AND \"timestamp\" BETWEEN ? AND ? ORDER BY \"timestamp\" DESC, seq DESC LIMIT 100",
                session, Long.MIN_VALUE, Long.MAX_VALUE);
        explain(c, "getAllRecentEvents(200) at " + events, "SELECT seq, id, session_id, \"timestamp\","
                + " parent_session_id, machine_id, working_directory, event_type, event_type_other, hook_type,"
                + " hook_type_other, data, extra, record_json FROM reads.events"
                + " ORDER BY \"timestamp\" DESC, seq DESC LIMIT 200");
        explain(c, "getSessions(limit 50) at " + events, "SELECT * FROM reads.sessions WHERE NOT is_placeholder"
                + " ORDER BY start_time DESC, session_id LIMIT 50");
        return out;
    }

    private static double median(int runs, IntConsumer query) {
        for (int i = 0; i < runs; i++) {
            query.accept(i); // warm-up: as many runs as are measured
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

    private static void explain(Connection c, String title, String query, Object... params) throws SQLException {
        System.out.println("EXPLAIN " + title + ":");
        try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + query)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    System.out.println("    " + rs.getString(1));
                }
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    private MonitorStore open(String schema) {
        Map<String, Object> p = new HashMap<>();
        p.put("type", "postgresql");
        p.put("database.url", databaseUrl());
        p.put("database.user", user);
        p.put("database.schema", schema);
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

    private String serverVersion() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
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
