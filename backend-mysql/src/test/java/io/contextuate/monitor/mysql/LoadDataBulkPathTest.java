package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;
import io.contextuate.monitor.sql.DatabaseSettings;
import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.internal.RowMapping;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The LOAD DATA bulk path ({@link LoadDataEventInsert} behind {@link MySqlDialect}): idempotent with exact counts,
 * nothing lost or changed when the server would cut or refuse a row, save order kept, client files out of reach.
 */
class LoadDataBulkPathTest {

    private static ScratchDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = ScratchDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void aResentBatchGoesThroughLoadDataAddsNothingAndCountsOnlyTheNewRows() throws SQLException {
        Jdbi jdbi = jdbi("resend_", true);
        List<EventRow> first = rows(events("s", 0, 300));
        List<EventRow> overlapping = rows(events("s", 200, 400));

        assertThat(load(jdbi, first)).hasValue(300);
        assertThat(load(jdbi, first)).hasValue(0);
        assertThat(load(jdbi, overlapping)).hasValue(100);
        assertThat(count(jdbi)).isEqualTo(400);
    }

    @Test
    void aResentBatchThroughTheStoreAddsNothing() {
        try (MonitorStore store = open("store_")) {
            List<MonitorEvent> batch = events("s", 0, 2000);

            assertThat(store.saveEvents(batch)).isEqualTo(2000);
            assertThat(store.saveEvents(batch)).isEqualTo(0);
            assertThat(store.stats().events()).isEqualTo(2000);
            for (MonitorEvent sent : batch.subList(0, 20)) {
                MonitorEvent read = store.getEventById("s", sent.id()).orElseThrow();
                assertThat(CanonicalJson.equal(MonitorJson.toJson(read), MonitorJson.toJson(sent))).isTrue();
            }
        }
    }

    @Test
    void aRowTheServerRefusesRollsTheLoadBackAndTheStoreNamesItWhileTheGoodRowsArrive() throws SQLException {
        try (MonitorStore store = open("refuse_")) {
            admin("ALTER TABLE refuse_events ADD CONSTRAINT refuse_no_forbidden"
                    + " CHECK (working_directory <> '/forbidden')");
            List<MonitorEvent> batch = new ArrayList<>(events("s", 0, 50));
            batch.add(event("s", "bad", 99, "/forbidden", "m"));
            Jdbi jdbi = jdbi("refuse_", true);

            assertThat(load(jdbi, rows(batch))).isEmpty();
            assertThat(count(jdbi)).isZero();

            assertThatThrownBy(() -> store.saveEvents(batch)).isInstanceOfSatisfying(InvalidRecordException.class,
                    e -> assertThat(e.recordId()).isEqualTo("bad"));
            assertThat(store.getEvents("s")).extracting(MonitorEvent::id)
                    .containsExactlyInAnyOrderElementsOf(batch.subList(0, 50).stream().map(MonitorEvent::id).toList());
        }
    }

    @Test
    void aRowTheServerWouldTruncateRollsTheLoadBackAndTheStoreNamesItWhileTheGoodRowsArrive() throws SQLException {
        try (MonitorStore store = open("cut_")) {
            admin("ALTER TABLE cut_events MODIFY machine_id VARCHAR(8) NOT NULL");
            List<MonitorEvent> batch = new ArrayList<>(events("s", 0, 50));
            batch.add(event("s", "long", 99, "/w", "a-machine-name-longer-than-8"));
            Jdbi jdbi = jdbi("cut_", true);

            assertThat(load(jdbi, rows(batch))).isEmpty();
            assertThat(count(jdbi)).isZero();

            assertThatThrownBy(() -> store.saveEvents(batch)).isInstanceOfSatisfying(InvalidRecordException.class,
                    e -> assertThat(e.recordId()).isEqualTo("long"));
            assertThat(store.getEvents("s")).hasSize(50).noneMatch(e -> e.id().equals("long"));
        }
    }

    @Test
    void eventsWithEqualTimestampsKeepTheOrderOfTheBatch() throws SQLException {
        Jdbi jdbi = jdbi("ties_", true);
        // ids in descending order, so neither id order nor key order could pass for batch order
        List<MonitorEvent> batch = IntStream.range(0, 500)
                .mapToObj(i -> event("s", String.format("id-%04d", 1000 - i), 7000, "/w", "m")).toList();

        assertThat(load(jdbi, rows(batch))).hasValue(500);
        List<String> bySeq = jdbi.withHandle(h -> h.createQuery("SELECT id FROM <events> ORDER BY seq")
                .mapTo(String.class).list());
        assertThat(bySeq).containsExactlyElementsOf(batch.stream().map(MonitorEvent::id).toList());
        try (MonitorStore store = open("ties_")) {
            assertThat(store.getEvents("s")).extracting(MonitorEvent::id).containsExactlyElementsOf(bySeq);
        }
    }

    @Test
    void withoutTheLocalInfileCapabilityTheDialectFallsBackToInsertsAndCountsTheSame() throws SQLException {
        Jdbi jdbi = jdbi("nocap_", false);
        MySqlDialect dialect = new MySqlDialect(jdbi.withHandle(h -> MySqlServer.detect(h.getConnection())), true);
        List<EventRow> batch = rows(events("s", 0, 100));

        assertThat(dialect.loadsData()).isTrue();
        int first = jdbi.inTransaction(h -> dialect.insertEvents(h, batch));
        assertThat(first).isEqualTo(100);
        assertThat(dialect.loadsData()).isFalse();
        int again = jdbi.inTransaction(h -> dialect.insertEvents(h, batch));
        assertThat(again).isZero();
        assertThat(count(jdbi)).isEqualTo(100);
    }

    @Test
    void theServerCannotReadAClientFileThroughAStoreConnection() {
        Jdbi jdbi = jdbi("files_", true);
        jdbi.useHandle(h -> h.execute("CREATE TABLE files_stolen (line LONGTEXT)"));

        assertThatThrownBy(() -> jdbi.useHandle(h ->
                h.execute("LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE files_stolen")))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("safe path");
    }

    // ---------------------------------------------------------------- helpers

    /** Opens a store (which makes the tables) and creates session "s"; the store stays open for the caller. */
    private static MonitorStore open(String prefix) {
        MonitorStore store = new MySqlStoreProvider().open(database.context(prefix));
        store.saveSession(SessionMeta.builder().sessionId("s").machineId("m").workingDirectory("/w")
                .startTime(1L).status(SessionStatus.ACTIVE).childSessionIds(List.of()).build());
        return store;
    }

    /** A JDBI over the store's own connection settings, on tables made (with session "s") by the store. */
    private static Jdbi jdbi(String prefix, boolean loadData) {
        open(prefix).close();
        DatabaseSettings settings = DatabaseSettings.from(database.context(prefix), MySqlStoreProvider.DEFAULT_PORT,
                MySqlStoreProvider.DEFAULT_DATABASE);
        MySqlConnectionSettings connection = MySqlConnectionSettings.of(settings, "(test)", loadData);
        return settings.tables().defineOn(Jdbi.create(connection.unpooled(settings)));
    }

    private static OptionalInt load(Jdbi jdbi, List<EventRow> rows) throws SQLException {
        return jdbi.inTransaction(h -> LoadDataEventInsert.insert(h, rows));
    }

    private static long count(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM <events>").mapTo(Long.class).one());
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<EventRow> rows(List<MonitorEvent> events) {
        return events.stream().map(RowMapping::toRow).toList();
    }

    private static List<MonitorEvent> events(String session, int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> event(session, "e-" + i, 1000L + i % 7, "/w\t\\ \n", "m")).toList();
    }

    private static MonitorEvent event(String session, String id, long timestamp, String directory, String machine) {
        return MonitorEvent.builder().id(id).sessionId(session).timestamp(timestamp).machineId(machine)
                .workingDirectory(directory).eventType(EventType.TOOL_CALL).hookType(HookType.PRE_TOOL_USE)
                .data(MonitorJson.newObject().put("text", "tab\there, newline\nthere, backslash \\ and 😀"))
                .build();
    }
}
