package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.internal.RowMapping;
import io.contextuate.monitor.sql.SqlTables;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.contextuate.monitor.postgresql.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

/** saveEvents of large batches goes through COPY and keeps the contract: order, idempotence, exact strings. */
class CopyBulkPathTest {

    private static final int LARGE = PostgresDialect.COPY_THRESHOLD * 4;

    private static TestDatabase db;
    private static MonitorStore store;

    @BeforeAll
    static void openStore() {
        db = TestDatabase.create();
        store = db.open();
    }

    @AfterAll
    static void closeStore() {
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void empty() {
        db.execute("TRUNCATE public.events, public.sessions");
    }

    @Test
    void aBatchOfNewEventsIsCopiedStraightIntoTheEventsTable() {
        assertThat(insertThroughTheDialect(0)).as("staging table used").isFalse();
        assertThat(store.stats().events()).isEqualTo(LARGE);
    }

    @Test
    void aBatchHoldingStoredEventsGoesThroughTheStagingTableAndAddsOnlyTheNewOnes() {
        store.saveEvent(event("s", "e7", 7));
        store.saveEvent(event("s", "e100", 100));

        assertThat(insertThroughTheDialect(LARGE - 2)).as("staging table used").isTrue();
        assertThat(store.stats().events()).isEqualTo(LARGE);
    }

    /** Runs the dialect's bulk insert of events e0.. in session s; whether the staging table exists afterwards. */
    private static boolean insertThroughTheDialect(int expectedNew) {
        List<EventRow> rows = IntStream.range(0, LARGE).mapToObj(i -> RowMapping.toRow(event("s", "e" + i, i)))
                .toList();
        Jdbi jdbi = new SqlTables("public", "").defineOn(Jdbi.create(db::connect))
                .installPlugin(new SqlObjectPlugin());
        return jdbi.inTransaction(h -> {
            h.execute("INSERT INTO public.sessions (session_id, machine_id, working_directory, start_time, status)"
                    + " VALUES ('s', 'm', '/', 0, 'active') ON CONFLICT DO NOTHING");
            int added = new PostgresDialect(new SqlTables("public", "")).insertEvents(h, rows);
            assertThat(added).isEqualTo(expectedNew == 0 ? LARGE : expectedNew);
            return h.createQuery("SELECT to_regclass('pg_temp.contextuate_event_staging') IS NOT NULL")
                    .mapTo(Boolean.class).one();
        });
    }

    @Test
    void equalTimestampsKeepTheOrderOfTheBatch() {
        List<MonitorEvent> batch = new ArrayList<>();
        for (int i = 0; i < LARGE; i++) {
            // ids in an order unrelated to the batch order
            batch.add(event("same-time", "id-" + Integer.toString((i * 7919) % 1000, 36) + "-" + i, 5000));
        }

        assertThat(store.saveEvents(batch)).isEqualTo(LARGE);

        assertThat(store.getEvents("same-time", EventQuery.newest(LARGE))).extracting(MonitorEvent::id)
                .containsExactlyElementsOf(batch.stream().map(MonitorEvent::id).toList());
    }

    @Test
    void reSendingABatchOrRepeatingEventsInsideItAddsNoCopies() {
        List<MonitorEvent> batch = new ArrayList<>();
        for (int i = 0; i < LARGE; i++) {
            batch.add(event("s" + (i % 3), "e" + (i % (LARGE / 2)), i));
        }
        long distinct = batch.stream().map(e -> e.sessionId() + "/" + e.id()).distinct().count();

        assertThat(store.saveEvents(batch)).isEqualTo(distinct);
        assertThat(store.saveEvents(batch)).isZero();

        assertThat(store.stats().events()).isEqualTo(distinct);
        assertThat(store.getSessions(SessionQuery.all())).as("placeholders are not sessions").isEmpty();
    }

    @Test
    void stringsThatTextAndJsonbRefuseSurviveTheCopyPath() {
        List<MonitorEvent> batch = new ArrayList<>();
        for (int i = 0; i < LARGE; i++) {
            MonitorEvent e = event("odd", "e" + i, i);
            String odd = switch (i % 4) {
                case 0 -> "nul\u0000inside";
                case 1 -> "cut emoji \uD83D";
                case 2 -> "tab\tnewline\nbackslash\\N";
                default -> "plain";
            };
            e.data().put("toolOutput", odd);
            batch.add(e.toBuilder().workingDirectory(i % 8 == 0 ? "C:\\work\\" + odd : e.workingDirectory()).build());
        }

        assertThat(store.saveEvents(batch)).isEqualTo(LARGE);

        List<MonitorEvent> back = store.getEvents("odd", EventQuery.newest(LARGE));
        assertThat(back).hasSize(LARGE);
        for (int i = 0; i < LARGE; i++) {
            assertThat(CanonicalJson.equal(MonitorJson.toJson(back.get(i)), MonitorJson.toJson(batch.get(i))))
                    .as("event %s", batch.get(i).id()).isTrue();
        }
    }

    @Test
    void aBatchReachesEveryOneOfItsSessionsWithoutSessionRows() {
        List<MonitorEvent> batch = new ArrayList<>();
        for (int i = 0; i < LARGE; i++) {
            batch.add(event("session-" + (i % 17), "e" + i, i));
        }

        assertThat(store.saveEvents(batch)).isEqualTo(LARGE);

        for (int s = 0; s < 17; s++) {
            assertThat(store.getEvents("session-" + s, EventQuery.defaults())).isNotEmpty();
        }
        assertThat(store.stats().sessions()).isZero();
    }

    @Test
    void storesOnOneDatabaseWithDifferentPrefixesDoNotSeeEachOther() {
        try (MonitorStore other = db.open(Map.of("tablePrefix", "other_"))) {
            other.saveEvents(List.of(event("x", "1", 1)));
            assertThat(other.stats().events()).isEqualTo(1);
            assertThat(store.stats().events()).isZero();
        }
    }
}
