package io.contextuate.monitor.benchmarks.mysql;

import io.contextuate.monitor.mysql.MySqlStatements;
import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;
import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.SessionColumn;
import io.contextuate.monitor.sql.internal.RowMapping;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * The MySQL/MariaDB store against the server's own baselines, each pair in one run on one scratch database:
 * <ol>
 *   <li>bulk: {@code saveEvents} vs {@code LOAD DATA LOCAL INFILE} of the same rows into the same schema;</li>
 *   <li>single writes: {@code saveEvent} vs plain JDBC prepared inserts, one autocommitted row at a time;</li>
 *   <li>reads: getEvents(session, 100), getAllRecentEvents(200), getSessions(limit 50) at 100k vs 1M events,
 *       with the EXPLAIN of each statement.</li>
 * </ol>
 * Arguments (all optional): bulk events, single writes, small read set, large read set; the parts to run with
 * {@code -Dbench.only=bulk,single,reads} (all by default). Prints Markdown.
 */
public final class MySqlBenchmark {

    private static final int BATCH = 10_000;
    private static final int READ_ITERATIONS = 300;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** CPU time of this thread in the last bulkStore, the client's share of its wall time. */
    private static long lastClientCpu;

    private MySqlBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int bulkEvents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int singleWrites = args.length > 1 ? Integer.parseInt(args[1]) : 3_000;
        int smallReadSet = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int largeReadSet = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        try (BenchmarkDatabase db = BenchmarkDatabase.create()) {
            System.out.printf("database %s, %s%n%n", db.name(), serverVersion(db));
            String only = System.getProperty("bench.only", "bulk,single,reads"); // the parts to run
            if (only.contains("bulk")) {
                bulk(db, bulkEvents);
            }
            if (only.contains("single")) {
                single(db, singleWrites);
            }
            if (only.contains("reads")) {
                reads(db, smallReadSet, largeReadSet);
            }
        }
    }

    // ---------------------------------------------------------------- bulk

    private static void bulk(BenchmarkDatabase db, int count) throws Exception {
        SyntheticEvents source = new SyntheticEvents(count / 100, 100, 1200); // grouped, as a migration sends them
        List<MonitorEvent> events = new ArrayList<>(count);
        for (long n = 0; n < count; n++) {
            events.add(source.event(n));
        }
        LoadDataFile file = LoadDataFile.write(source, 0, count, true);
        // warm-up of both paths on a small slice, then two rounds in alternating order on fresh tables
        bulkStore(db, "warm_s_", events.subList(0, Math.min(count, 20_000)));
        LoadDataFile warm = LoadDataFile.write(source, 0, Math.min(count, 20_000), true);
        bulkLoad(db, "warm_l_", warm);
        warm.delete();
        long store1 = bulkStore(db, "bulk_s1_", events);
        long load1 = bulkLoad(db, "bulk_l1_", file);
        long load2 = bulkLoad(db, "bulk_l2_", file);
        long cpu1 = lastClientCpu;
        long store2 = bulkStore(db, "bulk_s2_", events);
        long cpu2 = lastClientCpu;
        long store = Math.min(store1, store2);
        long load = Math.min(load1, load2);
        System.out.printf("## Bulk write: %,d events of %,d sessions in runs of 100 (%.0f MB of LOAD DATA text),"
                + " best of 2%n%n", count, count / 100, file.eventBytes() / 1e6);
        System.out.printf("| path | seconds | events/s |%n|---|---|---|%n");
        System.out.printf("| saveEvents (batches of %,d) | %.2f | %,.0f |%n", BATCH, store / 1e9, count / (store / 1e9));
        System.out.printf("| LOAD DATA LOCAL INFILE | %.2f | %,.0f |%n", load / 1e9, count / (load / 1e9));
        System.out.printf("%nratio (LOAD DATA time / saveEvents time): **%.2f** (runs: store %.2f s, %.2f s, of which"
                + " client CPU %.2f s, %.2f s; load %.2f s, %.2f s)%n%n", (double) load / store, store1 / 1e9,
                store2 / 1e9, cpu1 / 1e9, cpu2 / 1e9, load1 / 1e9, load2 / 1e9);
        file.delete();
    }

    private static long bulkStore(BenchmarkDatabase db, String prefix, List<MonitorEvent> events) {
        db.applySchema(prefix);
        try (MonitorStore store = db.open(prefix)) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            int added = 0;
            for (int from = 0; from < events.size(); from += BATCH) {
                added += store.saveEvents(events.subList(from, Math.min(events.size(), from + BATCH)));
            }
            long took = System.nanoTime() - start;
            lastClientCpu = THREADS.getCurrentThreadCpuTime() - cpu;
            check(added == events.size(), "saveEvents added " + added + " of " + events.size());
            return took;
        }
    }

    private static long bulkLoad(BenchmarkDatabase db, String prefix, LoadDataFile file) throws Exception {
        db.applySchema(prefix);
        try (Connection connection = db.connect()) {
            return file.load(connection, prefix);
        }
    }

    // ---------------------------------------------------------------- single writes

    /**
     * Both paths write into their own tables, in alternating slices, so that the machine's drift (other work, disk
     * flushes) reaches both alike; the ratio compares the median slice times.
     */
    private static void single(BenchmarkDatabase db, int count) throws Exception {
        SyntheticEvents source = new SyntheticEvents(10, 1, 600);
        List<MonitorEvent> events = new ArrayList<>(count);
        for (long n = 0; n < count; n++) {
            events.add(source.event(n));
        }
        int slices = 15;
        int slice = count / slices;
        db.applySchema("one_s_");
        db.applySchema("one_j_");
        db.applySchema("one_d_");
        long[] store = new long[slices];
        long[] jdbc = new long[slices];
        long[] jdbcUpsert = new long[slices];
        String insertSql = "INSERT INTO %sevents (" + MySqlStatements.EVENT_INSERT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (MonitorStore target = db.open("one_s_"); MonitorStore plainSessions = db.open("one_j_");
             MonitorStore upsertSessions = db.open("one_d_"); Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement(String.format(insertSql, "one_j_"));
             PreparedStatement upsert = connection.prepareStatement(String.format(insertSql, "one_d_")
                     + MySqlStatements.KEEP_EXISTING_EVENT)) {
            createSessions(target, events);
            createSessions(plainSessions, events);
            createSessions(upsertSessions, events);
            // warm-up: the first slice, not counted
            singleStore(target, events.subList(0, slice));
            singleJdbc(insert, events.subList(0, slice));
            singleJdbc(upsert, events.subList(0, slice));
            for (int i = 1; i < slices; i++) {
                List<MonitorEvent> part = events.subList(i * slice, (i + 1) * slice);
                if (i % 2 == 0) {
                    store[i] = singleStore(target, part);
                    jdbc[i] = singleJdbc(insert, part);
                    jdbcUpsert[i] = singleJdbc(upsert, part);
                } else {
                    jdbcUpsert[i] = singleJdbc(upsert, part);
                    jdbc[i] = singleJdbc(insert, part);
                    store[i] = singleStore(target, part);
                }
            }
        }
        long storeMedian = median(Arrays.copyOfRange(store, 1, slices));
        long jdbcMedian = median(Arrays.copyOfRange(jdbc, 1, slices));
        long upsertMedian = median(Arrays.copyOfRange(jdbcUpsert, 1, slices));
        System.out.printf("## Single writes: %,d events in %d alternating slices of %,d, one autocommitted insert"
                + " each, median slice%n%n", slice * (slices - 1), slices - 1, slice);
        System.out.printf("| path | ms per slice | µs/event |%n|---|---|---|%n");
        System.out.printf("| saveEvent | %.1f | %.0f |%n", storeMedian / 1e6, storeMedian / 1e3 / slice);
        System.out.printf("| plain JDBC PreparedStatement (same row mapping) | %.1f | %.0f |%n", jdbcMedian / 1e6,
                jdbcMedian / 1e3 / slice);
        System.out.printf("| the same, with the store's ON DUPLICATE KEY UPDATE id = id | %.1f | %.0f |%n",
                upsertMedian / 1e6, upsertMedian / 1e3 / slice);
        System.out.printf("%nratio (JDBC time / saveEvent time): **%.2f**; against the idempotent JDBC insert: %.2f"
                + " (total: store %.2f s, jdbc %.2f s, idempotent jdbc %.2f s)%n%n", (double) jdbcMedian / storeMedian,
                (double) upsertMedian / storeMedian, Arrays.stream(store).sum() / 1e9, Arrays.stream(jdbc).sum() / 1e9,
                Arrays.stream(jdbcUpsert).sum() / 1e9);
    }

    private static long singleStore(MonitorStore store, List<MonitorEvent> events) {
        long start = System.nanoTime();
        for (MonitorEvent event : events) {
            store.saveEvent(event);
        }
        return System.nanoTime() - start;
    }

    private static long singleJdbc(PreparedStatement insert, List<MonitorEvent> events) throws Exception {
        long start = System.nanoTime();
        for (MonitorEvent event : events) {
            EventRow r = RowMapping.toRow(event); // the same mapping to JSON text the store does
            insert.setString(1, r.id());
            insert.setString(2, r.sessionId());
            insert.setLong(3, r.timestamp());
            insert.setString(4, r.parentSessionId());
            insert.setString(5, r.machineId());
            insert.setString(6, r.workingDirectory());
            insert.setString(7, r.eventType());
            insert.setString(8, r.eventTypeOther());
            insert.setString(9, r.hookType());
            insert.setString(10, r.hookTypeOther());
            insert.setString(11, r.data().toString());
            insert.setString(12, r.extra());
            insert.setString(13, r.recordJson());
            insert.executeUpdate();
        }
        return System.nanoTime() - start;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void createSessions(MonitorStore store, List<MonitorEvent> events) {
        events.stream().map(MonitorEvent::sessionId).distinct().forEach(id -> store.saveSession(
                SessionMeta.builder().sessionId(id).machineId("bench-machine").workingDirectory("/w")
                        .startTime(0L).status(SessionStatus.ACTIVE).childSessionIds(List.of()).build()));
    }

    // ---------------------------------------------------------------- reads

    private static void reads(BenchmarkDatabase db, int small, int large) throws Exception {
        int perSession = 200;
        double[][] results = new double[2][];
        long[] megabytes = new long[2];
        int[] sizes = {small, large};
        String[] prefixes = {"r_small_", "r_large_"};
        for (int i = 0; i < 2; i++) {
            SyntheticEvents source = new SyntheticEvents(sizes[i] / perSession, 1, 300);
            LoadDataFile file = LoadDataFile.write(source, 0, sizes[i], false);
            db.applySchema(prefixes[i]);
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                file.load(connection, prefixes[i]);
                statement.execute("ANALYZE TABLE " + prefixes[i] + "sessions, " + prefixes[i] + "events");
                megabytes[i] = tableMegabytes(connection, prefixes[i]);
            }
            file.delete();
            try (MonitorStore store = db.open(prefixes[i])) {
                results[i] = readLatencies(store, sizes[i] / perSession);
            }
        }
        String[] names = {"getEvents(session, 100)", "getAllRecentEvents(200)", "getSessions(limit 50)"};
        System.out.printf("## Reads: median latency over %d calls (p95 in brackets), %d events per session; tables"
                + " (data + indexes) %,d MB and %,d MB%n%n", READ_ITERATIONS, perSession, megabytes[0], megabytes[1]);
        System.out.printf("| read | %,d events | %,d events | ratio |%n|---|---|---|---|%n", small, large);
        for (int q = 0; q < names.length; q++) {
            System.out.printf(Locale.ROOT, "| %s | %.2f ms (%.2f) | %.2f ms (%.2f) | **%.2f** |%n", names[q],
                    results[0][2 * q], results[0][2 * q + 1], results[1][2 * q], results[1][2 * q + 1],
                    results[1][2 * q] / results[0][2 * q]);
        }
        System.out.println();
        explain(db, prefixes[1], SyntheticEvents.sessionId(7));
    }

    /** Median and p95 in ms of each read, in the order events, recent, sessions. */
    private static double[] readLatencies(MonitorStore store, int sessions) {
        Random random = new Random(11);
        List<IntConsumer> reads = List.of(
                i -> check(store.getEvents(SyntheticEvents.sessionId(random.nextInt(sessions)),
                        EventQuery.newest(100)).size() == 100, "getEvents returned too few"),
                i -> check(store.getAllRecentEvents(200).size() == 200, "getAllRecentEvents returned too few"),
                i -> check(store.getSessions(SessionQuery.all().withLimit(50)).size() == 50,
                        "getSessions returned too few"));
        double[] out = new double[reads.size() * 2];
        for (int q = 0; q < reads.size(); q++) {
            for (int i = 0; i < 50; i++) {
                reads.get(q).accept(i);
            }
            long[] nanos = new long[READ_ITERATIONS];
            for (int i = 0; i < READ_ITERATIONS; i++) {
                long start = System.nanoTime();
                reads.get(q).accept(i);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            out[2 * q] = nanos[READ_ITERATIONS / 2] / 1e6;
            out[2 * q + 1] = nanos[READ_ITERATIONS * 95 / 100] / 1e6;
        }
        return out;
    }

    private static void explain(BenchmarkDatabase db, String prefix, String session) throws Exception {
        String events = prefix + "events";
        String sessions = prefix + "sessions";
        List<String> statements = List.of(
                "SELECT " + MySqlStatements.EVENT_COLUMNS + " FROM " + events + " WHERE session_id = '" + session
                        + "' AND `timestamp` BETWEEN -9223372036854775808 AND 9223372036854775807"
                        + " ORDER BY `timestamp` DESC, seq DESC LIMIT 100",
                "SELECT " + MySqlStatements.EVENT_COLUMNS + " FROM " + events
                        + " ORDER BY `timestamp` DESC, seq DESC LIMIT 200",
                "SELECT " + SessionColumn.names() + " FROM " + sessions + " WHERE NOT is_placeholder"
                        + " ORDER BY start_time DESC, session_id LIMIT 50");
        System.out.printf("## EXPLAIN (%s tables)%n%n", prefix);
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                System.out.printf("```%n%s%n", sql.replace(MySqlStatements.EVENT_COLUMNS, "…")
                        .replace(SessionColumn.names(), "…"));
                try (ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
                    ResultSetMetaData meta = rows.getMetaData();
                    while (rows.next()) {
                        List<String> cells = new ArrayList<>();
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            cells.add(meta.getColumnLabel(c) + "=" + rows.getString(c));
                        }
                        System.out.println(String.join(" ", cells));
                    }
                }
                System.out.printf("```%n%n");
            }
        }
    }

    private static long tableMegabytes(Connection connection, String prefix) throws Exception {
        try (PreparedStatement size = connection.prepareStatement("SELECT SUM(DATA_LENGTH + INDEX_LENGTH)"
                + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?, ?)")) {
            size.setString(1, prefix + "sessions");
            size.setString(2, prefix + "events");
            try (ResultSet row = size.executeQuery()) {
                row.next();
                return row.getLong(1) >> 20;
            }
        }
    }

    private static String serverVersion(BenchmarkDatabase db) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT VERSION(), @@innodb_buffer_pool_size,"
                     + " @@innodb_flush_log_at_trx_commit, @@max_allowed_packet")) {
            row.next();
            return String.format("server %s, innodb_buffer_pool_size %d MB, innodb_flush_log_at_trx_commit %s,"
                            + " max_allowed_packet %d MB", row.getString(1), row.getLong(2) >> 20, row.getString(3),
                    row.getLong(4) >> 20);
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
