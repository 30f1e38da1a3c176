package io.contextuate.monitor.mysql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.EventFingerprints;
import io.contextuate.monitor.spi.EventFingerprints.SessionFingerprint;
import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblem;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only the MySQL/MariaDB store has to prove: its SQL, its limits, its table prefix. */
class MySqlStoreTest {

    private static final List<String> INJECTIONS = List.of("'; DROP TABLE sessions; --", "\" OR \"1\"=\"1",
            "x' OR '1'='1", "\\'; DELETE FROM events; #", "`events`", "<events>", ":sessionId", "${prefix}", "?",
            "/* */ UNION SELECT * FROM mysql.user --", "\\", "%_");

    private static ScratchDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = ScratchDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    private static MonitorStore open(String prefix) {
        return new MySqlStoreProvider().open(database.context(prefix));
    }

    @Test
    void sqlInjectionStringsAreStoredVerbatimAsIdsTextAndData() {
        try (MonitorStore store = open("inj_")) {
            for (String text : INJECTIONS) {
                ObjectNode data = MonitorJson.newObject().put("toolInput", text).put(text, text);
                MonitorEvent event = event(text, text, 1000L, data);
                SessionMeta session = session(text).toBuilder().label(text).workingDirectory(text).build();
                store.saveSession(session);
                store.saveEvent(event);

                assertThat(store.getSession(text)).hasValueSatisfying(s ->
                        assertThat(CanonicalJson.equal(MonitorJson.toJson(s), MonitorJson.toJson(session))).isTrue());
                assertThat(store.getEventById(text, text)).hasValueSatisfying(e ->
                        assertThat(CanonicalJson.equal(MonitorJson.toJson(e), MonitorJson.toJson(event))).isTrue());
            }
            assertThat(store.getSessions(SessionQuery.all())).hasSize(INJECTIONS.size());
            assertThat(store.stats().events()).isEqualTo(INJECTIONS.size());
        }
    }

    @Test
    void twoPrefixesInOneDatabaseKeepTheirRecordsApart() {
        try (MonitorStore first = open("one_"); MonitorStore second = open("two_")) {
            first.saveSession(session("shared-id"));
            first.saveEvent(event("shared-id", "e1", 1000L, MonitorJson.newObject().put("store", "one")));
            second.saveEvent(event("shared-id", "e1", 2000L, MonitorJson.newObject().put("store", "two")));

            assertThat(first.getEventById("shared-id", "e1").orElseThrow().data().get("store").asText())
                    .isEqualTo("one");
            assertThat(second.getEventById("shared-id", "e1").orElseThrow().data().get("store").asText())
                    .isEqualTo("two");
            assertThat(second.getSession("shared-id")).isEmpty();
            first.deleteSession("shared-id");
            assertThat(second.stats().events()).isEqualTo(1);
        }
    }

    @Test
    void sessionIdsThatDifferOnlyInCaseAreTwoSessions() {
        try (MonitorStore store = open("case_")) {
            store.saveSession(session("abc"));
            store.saveSession(session("ABC").toBuilder().label("upper").build());
            store.saveEvent(event("abc", "e", 1000L, MonitorJson.newObject()));
            store.saveEvent(event("abc", "E", 1001L, MonitorJson.newObject()));

            assertThat(store.getSessions(SessionQuery.all())).extracting(SessionMeta::sessionId)
                    .containsExactlyInAnyOrder("abc", "ABC");
            assertThat(store.getSession("abc").orElseThrow().label()).isNull();
            assertThat(store.getEvents("abc")).extracting(MonitorEvent::id).containsExactly("e", "E");
            assertThat(store.getEvents("ABC")).isEmpty();
        }
    }

    @Test
    void payloadsOfSeveralMegabytesArriveWholeAloneAndInABatch() {
        try (MonitorStore store = open("big_")) {
            String fiveMb = "😀 x\u00e9".repeat(5 * 1024 * 1024 / 8);
            assertThat(store.saveEvent(event("s", "alone", 1L, MonitorJson.newObject().put("toolOutput", fiveMb))))
                    .isTrue();
            List<MonitorEvent> batch = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                batch.add(event("s", "batched-" + i, 10L + i, MonitorJson.newObject().put("toolOutput", fiveMb)));
            }
            assertThat(store.saveEvents(batch)).isEqualTo(4);

            assertThat(store.getEvents("s")).hasSize(5)
                    .allSatisfy(e -> assertThat(e.data().get("toolOutput").asText()).isEqualTo(fiveMb));
        }
    }

    @Test
    void aPayloadLargerThanMaxAllowedPacketIsRefusedNamingTheEventAndTheOthersArrive() throws SQLException {
        long packet = maxAllowedPacket();
        String tooBig = "x".repeat((int) Math.min(Integer.MAX_VALUE - 64, packet + 1024));
        try (MonitorStore store = open("huge_")) {
            List<MonitorEvent> batch = List.of(event("s", "before", 1L, MonitorJson.newObject()),
                    event("s", "huge", 2L, MonitorJson.newObject().put("toolOutput", tooBig)),
                    event("s", "after", 3L, MonitorJson.newObject()));

            assertThatThrownBy(() -> store.saveEvents(batch)).isInstanceOfSatisfying(InvalidRecordException.class,
                    e -> assertThat(e.getMessage()).contains("huge"));
            assertThat(store.getEvents("s")).extracting(MonitorEvent::id).contains("before").doesNotContain("huge");
            assertThat(store.saveEvent(event("s", "after", 3L, MonitorJson.newObject()))).isTrue();
        }
    }

    @Test
    void aBulkBatchKeepsTheOrderOfTheListForEqualTimestampsAndAddsNothingWhenResent() {
        try (MonitorStore store = open("bulk_")) {
            List<MonitorEvent> batch = IntStream.range(0, 1800)
                    .mapToObj(i -> event("s" + (i % 3), "id-" + (1800 - i), 5000L,
                            MonitorJson.newObject().put("i", i)))
                    .toList();

            assertThat(store.saveEvents(batch)).isEqualTo(1800);
            assertThat(store.saveEvents(batch)).isZero();

            List<MonitorEvent> s0 = store.getEvents("s0", io.contextuate.monitor.spi.EventQuery.defaults());
            assertThat(s0).extracting(e -> e.data().get("i").asInt()).isSorted().hasSize(600);
            assertThat(store.stats().events()).isEqualTo(1800);
        }
    }

    @Test
    void theServerIsDetectedWithItsPacketLimit() throws SQLException {
        try (Connection connection = database.connect()) {
            MySqlServer server = MySqlServer.detect(connection);
            assertThat(server.supported()).isTrue();
            assertThat(server.enforcesChecks()).isTrue();
            assertThat(server.maxAllowedPacket()).isEqualTo(maxAllowedPacket());
            assertThat(server.describe()).startsWith(server.mariaDb() ? "MariaDB " : "MySQL ");
            assertThat(server.writesetLimit()).as("not a Galera node").isEqualTo(MySqlServer.WritesetLimit.NONE);
        }
    }

    @Test
    void aChunkStaysWellInsideAGaleraNodesWritesetLimits() {
        MySqlServer plain = new MySqlServer(true, "10.11.6-MariaDB", 10, 11, 6, 64L << 20, true,
                MySqlServer.WritesetLimit.NONE);
        MySqlServer limited = new MySqlServer(true, "10.11.6-MariaDB", 10, 11, 6, 64L << 20, true,
                new MySqlServer.WritesetLimit(1L << 20, 1000));

        assertThat(new MySqlDialect(plain, true).maxBatchBytes()).isEqualTo(MySqlDialect.LOAD_CHUNK_BYTES);
        assertThat(new MySqlDialect(plain, true).maxBatchRows()).isEqualTo(MySqlDialect.LOAD_CHUNK_ROWS);
        for (boolean loadData : new boolean[] {true, false}) {
            MySqlDialect dialect = new MySqlDialect(limited, loadData);
            assertThat(dialect.maxBatchBytes()).as("estimated characters, a quarter of the writeset's bytes")
                    .isEqualTo(256 * 1024);
            assertThat(dialect.maxBatchRows()).as("events and their placeholders").isEqualTo(500);
        }
    }

    @Test
    void aRowWhosePayloadIsNotJsonIsReportedWithItsTextWhileTheRowsAroundItArrive() throws SQLException {
        List<ReadProblem> problems = new ArrayList<>();
        try (MonitorStore store = new MySqlStoreProvider().open(new StoreContext(
                database.context("bad_").settings(), null, problems::add))) {
            store.saveSession(session("s"));
            for (int i = 1; i <= 3; i++) {
                store.saveEvent(event("s", "e" + i, 1000L * i, MonitorJson.newObject().put("n", i)));
            }
            // another program wrote the column: MariaDB's LONGTEXT takes any text
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE bad_events SET data = 'née {not json' WHERE id = 'e2'");
            }

            List<String> read;
            try (Stream<MonitorEvent> events = store.streamEvents("s")) {
                read = events.map(MonitorEvent::id).toList();
            }

            assertThat(read).containsExactly("e1", "e3");
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.location()).contains("events").contains("s/e2");
                assertThat(p.reason()).contains("does not parse");
                assertThat(new String(p.content(), StandardCharsets.UTF_8)).isEqualTo("née {not json");
            });
        }
    }

    @Test
    void theServersSummedFingerprintsOfASessionAreTheSumOfTheOnesComputedForItsEvents() throws SQLException {
        try (MonitorStore store = open("fp_")) {
            EventFingerprints fingerprints = store.eventFingerprints().orElseThrow();
            store.saveSession(session("s"));
            List<MonitorEvent> events = new ArrayList<>();
            events.add(event("s", "plain", 1000L, MonitorJson.newObject().put("toolName", "Bash")));
            events.add(MonitorJson.readEvent(("{\"id\":\"as-read\",\"sessionId\":\"s\",\"timestamp\":1001,"
                    + "\"machineId\":\"m\",\"workingDirectory\":\"/w\",\"eventType\":\"tool_call\","
                    + "\"hookType\":\"PreToolUse\",\"data\": { \"b\" : [1, 2.50, \"\\u00e9\\n\\\"\"],  \"a\":null }}")
                    .getBytes(StandardCharsets.UTF_8)));
            events.add(event("s", "unsafe", 1002L, MonitorJson.newObject().put("nul", "a\u0000b")
                    .put("lone", "x\uD800")));
            events.add(event("s", "others", 1003L, MonitorJson.newObject().put("text", "naïve 😀 \t tab"))
                    .toBuilder().parentSessionId("parent").machineId("machine-ü").workingDirectory("C:\\dir")
                    .eventType(EventType.of("brand_new_type")).hookType(HookType.of("BrandNewHook"))
                    .extra(Map.of("future", MonitorJson.newObject().put("x", 1))).build());
            events.add(event("s", "large", 1004L, MonitorJson.newObject().put("output", "y".repeat(300_000))));
            store.saveEvents(events);

            SessionFingerprint expected = SessionFingerprint.NONE;
            for (MonitorEvent e : events) {
                expected = expected.plus(fingerprints.of(e).orElseThrow());
                // each also alone in a session of its own, so that a fingerprint computed otherwise names its event
                MonitorEvent alone = e.toBuilder().sessionId("alone-" + e.id()).build();
                store.saveSession(session(alone.sessionId()));
                store.saveEvents(List.of(alone));
                assertThat(fingerprints.session(alone.sessionId())).as(e.id())
                        .isEqualTo(SessionFingerprint.NONE.plus(fingerprints.of(alone).orElseThrow()));
            }
            assertThat(fingerprints.session("s")).isEqualTo(expected);
            assertThat(fingerprints.session("no-such-session")).isEqualTo(SessionFingerprint.NONE);

            // the same payload written as other, JSON-equal text by another program: another sum
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE fp_events SET data = '{\"toolName\": \"Bash\"}' WHERE id = 'plain'");
            }
            assertThat(fingerprints.session("s")).isNotEqualTo(expected)
                    .extracting(SessionFingerprint::events).isEqualTo(expected.events());
            assertThat(fingerprints.of(event("s", "x".repeat(300), 1L, MonitorJson.newObject())))
                    .as("an event the store would refuse").isEmpty();
        }
    }

    private static long maxAllowedPacket() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@max_allowed_packet")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static SessionMeta session(String id) {
        return SessionMeta.builder().sessionId(id).machineId("m").workingDirectory("/w").startTime(1000L)
                .status(SessionStatus.ACTIVE).childSessionIds(List.of()).build();
    }

    private static MonitorEvent event(String session, String id, long timestamp, ObjectNode data) {
        return MonitorEvent.builder().id(id).sessionId(session).timestamp(timestamp).machineId("m")
                .workingDirectory("/w").eventType(EventType.TOOL_CALL).hookType(HookType.PRE_TOOL_USE).data(data)
                .build();
    }
}
