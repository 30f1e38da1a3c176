package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.sql.SqlTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only the partitioned layout has: its partitions, identity across them, prune by partition, conversion. */
class PartitionedEventsTest {

    private static final Map<String, Object> MONTHLY = Map.of("partitioning", "monthly");

    private TestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private static long at(int year, int month, int day) {
        return LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 3_600_000;
    }

    @Test
    void aFreshStoreConfiguredMonthlyIsPartitionedWithPartitionsAhead() throws SQLException {
        try (MonitorStore store = db.open(MONTHLY)) {
            assertThat(store.getAllRecentEvents(10)).isEmpty();
        }
        assertThat(query("SELECT count(*) FROM pg_partitioned_table t JOIN pg_class c ON c.oid = t.partrelid"
                + " WHERE c.relname = 'events'")).containsExactly("1");
        Partitioning.Bucket now = Partitioning.MONTHLY.bucketOf(System.currentTimeMillis());
        Partitioning.Bucket third = Partitioning.MONTHLY.next(Partitioning.MONTHLY.next(Partitioning.MONTHLY.next(now)));
        assertThat(partitions()).contains("events_" + now.suffix(), "events_" + third.suffix(), "events_b_before",
                "events_b_after");
    }

    @Test
    void aSessionWhoseMonthHasNoPartitionGetsOneAndNothingIsRefused() throws SQLException {
        try (MonitorStore store = db.open(MONTHLY)) {
            assertThat(store.saveEvent(TestEvents.event("s1", "e1", at(2001, 5, 3)))).isTrue();
            List<MonitorEvent> batch = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                batch.add(TestEvents.event("s2", "b" + i, at(1999, 1 + i % 12, 1 + i % 28)));
            }
            assertThat(store.saveEvents(batch)).isEqualTo(200);
            assertThat(store.saveEvent(TestEvents.event("s3", "neg", -5))).isTrue();
            assertThat(store.getEvents("s2", EventQuery.newest(1000))).hasSize(200);
            assertThat(store.getEventById("s1", "e1")).isPresent();
        }
        // partitions follow the session's first-known start, not each event's time
        assertThat(partitions()).contains("events_b2001_05", "events_b1999_01", "events_b_before")
                .doesNotContain("events_b1999_12");
    }

    @Test
    void anIdSavedAgainWithAnotherTimestampAddsNoCopyOnAnyPath() {
        try (MonitorStore store = db.open(MONTHLY)) {
            assertThat(store.saveEvent(TestEvents.event("s1", "e1", at(2024, 1, 10)))).isTrue();
            assertThat(store.saveEvent(TestEvents.event("s1", "e1", at(2024, 6, 10)))).isFalse();
            List<MonitorEvent> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                batch.add(TestEvents.event("s1", "e" + i, at(2024, 3, 1) + i));
            }
            batch.add(TestEvents.event("s1", "e7", at(2025, 1, 1))); // a repeat within the batch, another month
            assertThat(store.saveEvents(batch)).isEqualTo(299);
            assertThat(store.saveEvents(batch)).isZero();
            List<MonitorEvent> all = store.getEvents("s1", EventQuery.newest(10_000));
            assertThat(all).hasSize(300);
            assertThat(all.stream().map(MonitorEvent::id).distinct().count()).isEqualTo(300);
            assertThat(store.getEventById("s1", "e1").orElseThrow().timestamp()).isEqualTo(at(2024, 1, 10));
            assertThat(store.getEventById("s1", "e7").orElseThrow().timestamp()).isEqualTo(at(2024, 3, 1) + 7);
        }
    }

    @Test
    void pruneDropsWholePartitionsAndReturnsWhatTheUnpartitionedStoreReturns() throws SQLException {
        long cutoff = at(2024, 6, 1);
        int pruned;
        List<String> kept;
        try (TestDatabase plain = TestDatabase.create()) {
            try (MonitorStore store = plain.open()) {
                fillForPrune(store);
                pruned = store.pruneOldSessions(cutoff);
                kept = dump(store);
            }
        }
        try (MonitorStore store = db.open(MONTHLY)) {
            fillForPrune(store);
            assertThat(partitions()).contains("events_b2024_01", "events_b2024_02", "events_b2024_03");
            assertThat(store.pruneOldSessions(cutoff)).isEqualTo(pruned).isEqualTo(2);
            assertThat(dump(store)).isEqualTo(kept);
            // January held only pruned sessions' events: dropped whole; February holds the pinned session's,
            // March an event of a session that ends after the cutoff: both stay
            assertThat(partitions()).doesNotContain("events_b2024_01")
                    .contains("events_b2024_02", "events_b2024_03");
            assertThat(store.saveEvent(TestEvents.event("late", "l1", at(2024, 1, 20)))).isTrue();
            assertThat(store.getEventById("late", "l1")).isPresent();
            // the detached partition is dropped after the prune, by the store, without being asked
            assertThat(eventually(this::prunedTables)).isEmpty();
        }
    }

    @Test
    void twoWritersStartingTheSameNewSessionsInDifferentMonthsStoreEveryEventOnceInTheSessionsOnePartition()
            throws Exception {
        try (MonitorStore first = db.open(MONTHLY); MonitorStore second = db.open(MONTHLY)) {
            for (int round = 0; round < 5; round++) {
                String prefix = "r" + round + "-";
                // the first writer's events would put the sessions in January, the second's (single saves) in May
                CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> {
                    List<MonitorEvent> batch = new ArrayList<>();
                    for (int i = 0; i < 400; i++) {
                        batch.add(TestEvents.event(prefix + "c" + i % 8, "a" + i, at(2024, 1, 10) + i));
                    }
                    return first.saveEvents(batch);
                });
                CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> {
                    int added = 0;
                    for (int i = 0; i < 40; i++) {
                        added += second.saveEvent(TestEvents.event(prefix + "c" + i % 8, "b" + i, at(2024, 5, 10) + i))
                                ? 1 : 0;
                    }
                    return added;
                });
                assertThat(a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS)).isEqualTo(440);
                for (int c = 0; c < 8; c++) {
                    String session = prefix + "c" + c;
                    assertThat(first.getEvents(session, EventQuery.newest(1000))).hasSize(55);
                    assertThat(query("SELECT count(DISTINCT tableoid) FROM events WHERE session_id = '" + session
                            + "'")).as(session + " lies in one partition").containsExactly("1");
                    assertThat(query("SELECT count(*) FROM events e JOIN sessions s USING (session_id)"
                            + " WHERE e.session_id = '" + session + "' AND e.bucket <> s.bucket"))
                            .containsExactly("0");
                }
            }
        }
        assertThat(query("SELECT count(*) FROM events")).containsExactly("2200");
    }

    @Test
    void aPartitionAPruneDetachedIsDroppedWhenAStoreNextOpensIfTheStoreThatPrunedHadStopped() throws SQLException {
        try (MonitorStore store = db.open(MONTHLY)) {
            fillForPrune(store);
        }
        // the prune as the store runs it, but with no store left to drop what it detached (as after a kill)
        assertThat(query("SELECT prune_partitioned_sessions(" + at(2024, 6, 1) + ")")).containsExactly("2");
        assertThat(prunedTables()).isNotEmpty();
        assertThat(query("SELECT count(*) FROM events")).containsExactly("200");
        try (MonitorStore store = db.open(MONTHLY)) {
            assertThat(eventually(this::prunedTables)).isEmpty();
            assertThat(store.stats().events()).isEqualTo(200);
        }
    }

    @Test
    void aStoreWhoseFunctionsPredateTheDetachingPruneGetsThemWhenItOpens() throws SQLException {
        try (MonitorStore store = db.open(MONTHLY)) {
            fillForPrune(store);
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // as an earlier version left it: no drop function, and a prune of its own (this stand-in says -1)
            s.execute("DROP FUNCTION drop_pruned_partitions()");
            s.execute("CREATE OR REPLACE FUNCTION prune_partitioned_sessions(p_older_than_ms bigint) RETURNS integer"
                    + " LANGUAGE sql AS 'SELECT -1'");
        }
        try (MonitorStore store = db.open(MONTHLY)) {
            assertThat(store.pruneOldSessions(at(2024, 6, 1))).isEqualTo(2);
            assertThat(partitions()).doesNotContain("events_b2024_01");
            assertThat(eventually(this::prunedTables)).isEmpty();
        }
    }

    private static void fillForPrune(MonitorStore store) {
        store.saveSession(ended("old1", at(2024, 1, 2), at(2024, 1, 3)));
        store.saveSession(ended("old2", at(2024, 1, 5), at(2024, 2, 9)));
        store.saveSession(SessionMeta.builder().sessionId("pinned").machineId("m").workingDirectory("/w")
                .startTime(at(2024, 2, 1)).endTime(at(2024, 2, 2)).status(io.contextuate.monitor.spi.model.SessionStatus.COMPLETED)
                .isPinned(true).build());
        store.saveSession(ended("recent", at(2024, 3, 1), at(2024, 7, 1)));
        List<MonitorEvent> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(TestEvents.event("old1", "a" + i, at(2024, 1, 2) + i));
            events.add(TestEvents.event("old2", "b" + i, at(2024, 1, 5) + i));
            events.add(TestEvents.event("old2", "c" + i, at(2024, 2, 9) + i));
            events.add(TestEvents.event("pinned", "d" + i, at(2024, 2, 1) + i));
            events.add(TestEvents.event("recent", "r" + i, at(2024, 3, 1) + i));
        }
        store.saveEvents(events);
    }

    private static SessionMeta ended(String id, long start, long end) {
        return SessionMeta.builder().sessionId(id).machineId("m").workingDirectory("/w").startTime(start)
                .endTime(end).status(io.contextuate.monitor.spi.model.SessionStatus.COMPLETED).build();
    }

    /** Every session and event as JSON, in the stores' stream order. */
    private static List<String> dump(MonitorStore store) {
        List<String> out = new ArrayList<>();
        for (SessionMeta s : store.getSessions(SessionQuery.all())) {
            out.add(MonitorJson.toText(MonitorJson.toJson(s)));
        }
        try (Stream<String> ids = store.streamEventSessionIds()) {
            for (String id : ids.toList()) {
                try (Stream<MonitorEvent> events = store.streamEvents(id)) {
                    events.forEach(e -> out.add(MonitorJson.toText(MonitorJson.toJson(e))));
                }
            }
        }
        return out;
    }

    @Test
    void aStoreWithEventsIsConvertedOnlyByTheCommandWhichResumesAfterAStop() throws SQLException {
        List<String> before;
        try (MonitorStore store = db.open()) {
            List<MonitorEvent> events = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                events.add(TestEvents.event("s" + i % 7, "e" + i, at(2023, 1 + i % 12, 1 + i % 28)));
            }
            store.saveEvents(events);
            before = dump(store);
        }
        assertThatThrownBy(() -> db.open(MONTHLY)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("schema partition");

        PartitionConversion conversion = new PartitionConversion(dataSource(), new SqlTables("public", ""), 500);
        assertThatThrownBy(() -> conversion.convert(Partitioning.MONTHLY, copied -> {
            if (copied >= 1000) {
                throw new IllegalStateException("stopped mid-run");
            }
        })).hasMessageContaining("stopped mid-run");
        assertThat(conversion.state().underWay()).contains(Partitioning.MONTHLY);
        assertThat(conversion.state().copiedThroughSeq()).isGreaterThanOrEqualTo(1000).isLessThan(3000);
        assertThatThrownBy(() -> db.open(MONTHLY)).isInstanceOf(ConfigurationException.class);

        var status = new PostgresStoreProvider().schema(db.context(MONTHLY)).orElseThrow().convertLayout();
        assertThat(status.notes()).anyMatch(n -> n.contains("partitioned monthly"));
        try (MonitorStore store = db.open(MONTHLY)) {
            assertThat(dump(store)).isEqualTo(before);
            assertThat(store.saveEvent(TestEvents.event("s1", "e1", at(2030, 1, 1)))).isFalse();
            assertThat(store.saveEvent(TestEvents.event("s1", "new", at(2023, 2, 2)))).isTrue();
            // ties by timestamp keep save order: seq goes on after the copied rows
            List<MonitorEvent> tied = store.getEvents("s1", EventQuery.newest(10_000)).stream()
                    .filter(e -> e.timestamp() == at(2023, 2, 2)).toList();
            assertThat(tied).hasSizeGreaterThan(1);
            assertThat(tied.get(tied.size() - 1).id()).isEqualTo("new");
        }
        assertThat(query("SELECT count(*) FROM events")).containsExactly("3001");
        assertThat(query("SELECT to_regclass('events_partitioned') IS NULL")).containsExactly("t");
    }

    @Test
    void aSessionKeepsTheBucketOfItsFirstRowWhenItsStartChangesAndItsEventsStayInOnePartition() throws SQLException {
        try (MonitorStore store = db.open(MONTHLY)) {
            // a placeholder made by an event fixes the bucket; the real record, starting months earlier, keeps it
            assertThat(store.saveEvent(TestEvents.event("s1", "e1", at(2024, 5, 10)))).isTrue();
            store.saveSession(TestEvents.session("s1", at(2024, 2, 1)));
            store.saveSession(TestEvents.session("s1", at(2023, 11, 1)));
            assertThat(store.saveEvent(TestEvents.event("s1", "e2", at(2024, 8, 1)))).isTrue();
            List<MonitorEvent> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(TestEvents.event("s1", "b" + i, at(2025, 1 + i % 12, 1)));
            }
            assertThat(store.saveEvents(batch)).isEqualTo(100);
            assertThat(store.getEvents("s1", EventQuery.newest(1000))).hasSize(102);
            assertThat(store.getSession("s1").orElseThrow().startTime()).isEqualTo(at(2023, 11, 1));
            // a session saved before its events has its start as bucket
            store.saveSession(TestEvents.session("s2", at(2022, 3, 3)));
            assertThat(store.saveEvent(TestEvents.event("s2", "x", at(2024, 5, 10)))).isTrue();
        }
        assertThat(query("SELECT session_id || ' ' || bucket FROM sessions ORDER BY 1"))
                .containsExactly("s1 " + at(2024, 5, 10), "s2 " + at(2022, 3, 3));
        assertThat(query("SELECT p || ' ' || n FROM (SELECT tableoid::regclass::text AS p, count(*) AS n"
                + " FROM events GROUP BY 1) c ORDER BY 1")).containsExactly("events_b2022_03 1", "events_b2024_05 102");
        assertThat(partitions()).contains("events_b2022_03").doesNotContain("events_b2025_01");
    }

    @Test
    void aReadOfOneSessionExecutesOnlyThatSessionsPartition() throws SQLException {
        try (MonitorStore store = db.open(MONTHLY)) {
            List<MonitorEvent> events = new ArrayList<>();
            for (int m = 1; m <= 12; m++) {
                store.saveSession(TestEvents.session("s" + m, at(2024, m, 1)));
                for (int i = 0; i < 50; i++) {
                    events.add(TestEvents.event("s" + m, "e" + i, at(2024, m, 1) + i));
                }
            }
            store.saveEvents(events);
            assertThat(store.getEvents("s7", EventQuery.newest(10))).hasSize(10);
        }
        String sql = ("EXPLAIN (ANALYZE, COSTS OFF) SELECT " + PostgresStatements.EVENT_COLUMNS
                + " FROM <events> WHERE session_id = :sessionId AND bucket = " + PartitionedStatements.SESSION_BUCKET
                + " AND \"timestamp\" BETWEEN :lowest AND :highest ORDER BY \"timestamp\" DESC, seq DESC LIMIT 10")
                .replace("<events>", "public.events").replace("<sessions>", "public.sessions")
                .replace(":sessionId", "'s7'").replace(":lowest", Long.toString(Long.MIN_VALUE))
                .replace(":highest", Long.toString(Long.MAX_VALUE));
        List<String> plan = query(sql);
        List<String> scanned = plan.stream().filter(line -> line.matches(".* on events_b\\w+ .*")).toList();
        assertThat(scanned).hasSizeGreaterThan(10);
        assertThat(scanned.stream().filter(line -> !line.contains("never executed")).toList())
                .singleElement().asString().contains("on events_b2024_07 ");
    }

    @Test
    void theUnpartitionedLayoutHasNoBucket() throws SQLException {
        try (MonitorStore store = db.open()) {
            assertThat(store.saveEvent(TestEvents.event("s1", "e1", at(2024, 5, 10)))).isTrue();
        }
        assertThat(query("SELECT count(*) FROM information_schema.columns WHERE column_name = 'bucket'"))
                .containsExactly("0");
        assertThat(query("SELECT count(*) FROM pg_trigger WHERE tgname = 'sessions_bucket'")).containsExactly("0");
    }

    @Test
    void aStoreInTheEarlierEventKeysLayoutIsRefusedAtOpenAndConvertedByTheCommand() throws SQLException {
        List<String> before;
        try (MonitorStore store = db.open()) {
            List<MonitorEvent> events = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                events.add(TestEvents.event("s" + i % 5, "e" + i, at(2023, 1 + i % 12, 1 + i % 28)));
            }
            store.saveEvents(events);
            store.saveSession(ended("s1", at(2023, 1, 1), at(2023, 2, 1)));
            before = dump(store);
        }
        PartitionConversion conversion = new PartitionConversion(dataSource(), new SqlTables("public", ""), 300);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(conversion.resource("earlier/partitioned-by-event-timestamp.sql"));
            s.execute(conversion.resource("db/postgresql-migrations/V2__views_functions_and_comments.sql"));
        }
        assertThat(conversion.state().byEventTimestamp()).contains(Partitioning.MONTHLY);
        assertThatThrownBy(() -> db.open(MONTHLY)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("schema partition");
        assertThatThrownBy(() -> db.open()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("schema partition");
        var provider = new PostgresStoreProvider();
        assertThat(provider.schema(db.context(Map.of())).orElseThrow().status().notes())
                .anyMatch(n -> n.contains("earlier layout") && n.contains("schema partition"));

        // partitioning none converts at the earlier granularity
        var status = provider.schema(db.context(Map.of())).orElseThrow().convertLayout();
        assertThat(status.notes()).anyMatch(n -> n.contains("partitioned monthly by session start"));
        assertThat(query("SELECT to_regclass('event_keys') IS NULL")).containsExactly("t");
        assertThat(partitions()).contains("events_b2023_01").noneMatch(n -> n.startsWith("events_p"));
        try (MonitorStore store = db.open(MONTHLY)) {
            assertThat(dump(store)).isEqualTo(before);
            assertThat(store.saveEvent(TestEvents.event("s1", "e1", at(2030, 1, 1)))).isFalse();
            assertThat(store.saveEvent(TestEvents.event("s1", "new", at(2023, 2, 2)))).isTrue();
            assertThat(store.pruneOldSessions(at(2023, 3, 1))).isEqualTo(1);
            assertThat(store.getEvents("s1", EventQuery.newest(10))).isEmpty();
        }
        assertThat(query("SELECT count(*) FROM events")).containsExactly("800");
    }

    private PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.url());
        ds.setUser("postgres");
        return ds;
    }

    /** The tables a prune detached and the store has not dropped yet. */
    private List<String> prunedTables() throws SQLException {
        return query("SELECT relname FROM pg_class WHERE relname LIKE 'events\\_pruned\\_%' AND relkind = 'r'");
    }

    /** What the query gives once it gives nothing, or after 20 s, what it gives then. */
    private static List<String> eventually(SqlQuery query) throws SQLException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<String> rows = query.run();
        while (!rows.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            rows = query.run();
        }
        return rows;
    }

    private interface SqlQuery {
        List<String> run() throws SQLException;
    }

    private List<String> partitions() throws SQLException {
        return query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'public.events'::regclass ORDER BY 1");
    }

    private List<String> query(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
