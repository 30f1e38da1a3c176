package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.conformance.Damage;
import io.contextuate.monitor.conformance.DamagedStore;
import io.contextuate.monitor.conformance.ExpectedProblem;
import io.contextuate.monitor.conformance.UpstreamDamage;
import io.contextuate.monitor.conformance.UpstreamDataset;
import io.contextuate.monitor.conformance.UpstreamSessionData;
import io.contextuate.monitor.spi.EventFingerprints;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.StoreException;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** File to SQL and back, on a real server: what comes back is what went in, and verify sees any change. */
abstract class SqlRoundTripTest {

    @TempDir
    Path tmp;

    ScratchDatabase db;
    Path config;

    abstract ScratchDatabase.Kind kind();

    @BeforeEach
    void createDatabase() throws Exception {
        db = ScratchDatabase.create(kind());
        config = db.writeConfig(tmp.resolve("config"));
    }

    @AfterEach
    void dropDatabase() throws Exception {
        db.close();
    }

    MigrationOptions options(String name) {
        return MigrationOptions.defaults().withRejectsDir(tmp.resolve("rejects-" + name)).withBatchEvents(64);
    }

    @Test
    void fileToSqlToFileGivesBackTheSourceJsonEqual() {
        Path source = tmp.resolve("source");
        UpstreamDataset data = GeneratedStores.write(source, GeneratedStores.quick(41));
        Path back = tmp.resolve("back");

        MigrationSummary in = new Migrator(options("in")).migrate(source, config);
        MigrationSummary out = new Migrator(options("out")).migrate(config, back);

        assertThat(in.outcome()).as(in.describe()).isEqualTo(Outcome.COMPLETED);
        assertThat(in.verification().equal()).isTrue();
        assertThat(out.outcome()).as(out.describe()).isEqualTo(Outcome.COMPLETED);
        assertThat(out.verification().equal()).isTrue();
        StoreContents before = StoreContents.of(source);
        StoreContents after = StoreContents.of(back);
        assertThat(after.events()).isEqualTo(before.events());
        before.sessions().forEach((id, record) -> assertThat(after.sessions().get(id)).as(id).isEqualTo(record));
        long reconstructed = data.sessions().stream().filter(s -> s.meta().isEmpty() && !s.lines().isEmpty()).count();
        assertThat(after.sessions()).hasSize(before.sessions().size() + (int) reconstructed);
        VerificationReport direct = Migrator.verify(source, back, RefusedRecords.none());
        assertThat(direct.equal()).as(direct.describe()).isTrue();
        assertThat(direct.reconstructed()).hasSize((int) reconstructed);
    }

    @Test
    void twoHalvesOfAStoreMergedIntoOneDatabaseEachExitZeroAndTheWholeVerifiesEqual() throws Exception {
        Path whole = tmp.resolve("whole");
        GeneratedStores.write(whole, GeneratedStores.quick(44).withSessions(20));
        Path[] halves = {tmp.resolve("half-a"), tmp.resolve("half-b")};
        List<Path> sessions;
        try (Stream<Path> dirs = Files.list(whole.resolve("sessions"))) {
            sessions = dirs.sorted().toList();
        }
        for (int i = 0; i < sessions.size(); i++) {
            Path to = halves[i % 2].resolve("sessions").resolve(sessions.get(i).getFileName().toString());
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(sessions.get(i))) {
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(f.getFileName().toString()));
                }
            }
        }

        MigrationSummary first = new Migrator(options("a")).migrate(halves[0], config);
        MigrationSummary second = new Migrator(options("b")).migrate(halves[1], config);

        assertThat(first.exitCode()).as(first.describe()).isZero();
        assertThat(second.exitCode()).as(second.describe()).isZero();
        assertThat(second.verification().passed()).isTrue();
        assertThat(second.verification().targetOnlySessions()).as(second.describe()).isPositive();
        assertThat(Migrator.verify(halves[0], config, RefusedRecords.none()).passed()).isTrue();
        VerificationReport exact = Migrator.verify(whole, config, RefusedRecords.none(), VerificationMode.EXACT);
        assertThat(exact.equal()).as(exact.describe()).isTrue();
        assertThat(StoreContents.of(config).events()).isEqualTo(StoreContents.of(whole).events());
    }

    @Test
    void verifyNamesTheEventAndSessionRowsAlteredInTheTarget() throws Exception {
        Path source = migratedStore(42);
        String[] event;
        String session;
        try (Connection c = db.connect()) {
            event = firstRow(c, "SELECT session_id, id FROM events WHERE record_json IS NULL ORDER BY session_id, id");
            session = firstRow(c, "SELECT session_id FROM sessions WHERE record_json IS NULL AND NOT is_placeholder"
                    + " ORDER BY session_id")[0];
            update(c, "UPDATE events SET machine_id = ? WHERE session_id = ? AND id = ?", "altered", event[0],
                    event[1]);
            update(c, "UPDATE sessions SET label = ? WHERE session_id = ?", "altered", session);
        }

        VerificationReport report = Migrator.verify(source, config, RefusedRecords.none());

        assertThat(report.equal()).isFalse();
        assertThat(report.totalDifferences()).isEqualTo(2);
        assertThat(report.differences()).extracting(Difference::kind, Difference::sessionId, Difference::eventId)
                .containsExactlyInAnyOrder(Tuple.tuple(Difference.Kind.EVENT_DIFFERS, event[0], event[1]),
                        Tuple.tuple(Difference.Kind.SESSION_DIFFERS, session, null));
    }

    @Test
    void migratesOwnVerificationNamesTheRowsTheTargetChangedAsItStoredThem() throws Exception {
        Path source = tmp.resolve("source");
        UpstreamDataset data = GeneratedStores.write(source, GeneratedStores.quick(47));
        String altered = data.sessions().stream().filter(s -> s.meta().isPresent() && s.lines().size() > 1)
                .map(UpstreamSessionData::sessionId).sorted().findFirst().orElseThrow();
        try (MonitorStore schema = StoreOpener.at(config).open(ReadProblemListener.NONE);
             Connection c = db.connect(); Statement ddl = c.createStatement()) {
            // the rows the copy sends arrive as given; the server changes some as it stores them
            ddl.execute("CREATE TABLE altered_session (id VARCHAR(200) PRIMARY KEY)");
            update(c, "INSERT INTO altered_session (id) VALUES (?)", altered);
            if (kind() == ScratchDatabase.Kind.POSTGRESQL) {
                ddl.execute("CREATE FUNCTION alter_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF NEW.record_json IS NULL AND NEW.session_id IN (SELECT id FROM altered_session) THEN"
                        + " NEW.machine_id := 'altered'; END IF; RETURN NEW; END $$");
                ddl.execute("CREATE TRIGGER alter_on_insert BEFORE INSERT ON events FOR EACH ROW"
                        + " EXECUTE FUNCTION alter_on_insert()");
            } else {
                ddl.execute("CREATE TRIGGER alter_on_insert BEFORE INSERT ON events FOR EACH ROW"
                        + " SET NEW.machine_id = IF(NEW.record_json IS NULL"
                        + " AND NEW.session_id IN (SELECT id FROM altered_session), 'altered', NEW.machine_id)");
            }
        }

        MigrationSummary summary = new Migrator(options("in")).migrate(source, config);

        long changed;
        try (Connection c = db.connect()) {
            changed = Long.parseLong(firstRow(c, "SELECT count(*) FROM events WHERE machine_id = 'altered'")[0]);
        }
        VerificationReport report = summary.verification();
        assertThat(changed).isPositive();
        assertThat(report.equal()).isFalse();
        assertThat(report.totalDifferences()).as(report.describe()).isEqualTo(changed);
        assertThat(report.differences()).extracting(Difference::kind, Difference::sessionId)
                .containsOnly(Tuple.tuple(Difference.Kind.EVENT_DIFFERS, altered));
        assertThat(report.eventsCompared())
                .isEqualTo(StoreContents.of(source).events().values().stream().mapToLong(List::size).sum());
    }

    @Test
    void migratesOwnVerificationReadsAgainOnlyTheSessionsTheCopyDidNotSumWhole() throws Exception {
        Path source = tmp.resolve("source");
        UpstreamDataset data = GeneratedStores.write(source, GeneratedStores.quick(48));
        Map<String, Integer> reads = new ConcurrentHashMap<>();
        MigrationSummary summary;
        try (MonitorStore files = StoreOpener.at(source).openForReading(ReadProblemListener.NONE)) {
            MonitorStore counted = new RecordingStore(files) {
                @Override
                public Stream<MonitorEvent> streamEvents(String sessionId) {
                    reads.merge(sessionId, 1, Integer::sum);
                    return super.streamEvents(sessionId);
                }
            };
            summary = new Migrator(options("in")).migrate(StoreOpener.of("counted", counted), StoreOpener.at(config));
        }

        assertThat(summary.outcome()).as(summary.describe()).isEqualTo(Outcome.COMPLETED);
        assertThat(summary.verification().equal()).isTrue();
        assertThat(summary.verification().eventsCompared())
                .isEqualTo(StoreContents.of(source).events().values().stream().mapToLong(List::size).sum());
        Map<String, Integer> withRecord = new HashMap<>();
        Map<String, Integer> rebuilt = new HashMap<>();
        for (UpstreamSessionData s : data.sessions()) {
            if (!s.lines().isEmpty()) {
                (s.meta().isPresent() ? withRecord : rebuilt).put(s.sessionId(), reads.get(s.sessionId()));
            }
        }
        assertThat(withRecord).isNotEmpty().allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        // read to rebuild the record, to copy, and to compare the target's record with the one rebuilt
        assertThat(rebuilt).isNotEmpty().allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(3));
    }

    @Test
    void aFingerprintThatFailsWhileCopyingLeavesTheCopyWholeAndTheSessionToBeReadAgain() throws Exception {
        Path source = tmp.resolve("source");
        UpstreamDataset data = GeneratedStores.write(source, GeneratedStores.quick(49));
        String failing = data.sessions().stream().filter(s -> s.meta().isPresent() && !s.lines().isEmpty())
                .map(s -> s.lines().get(0).event().id()).sorted().findFirst().orElseThrow();
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        MigrationSummary summary;
        try (MonitorStore real = StoreOpener.at(config).open(ReadProblemListener.NONE)) {
            MonitorStore target = withFingerprints(real, new ForwardedFingerprints(real) {
                @Override
                public OptionalLong of(MonitorEvent e) {
                    if (e.id().equals(failing)) {
                        threads.add(Thread.currentThread().getName());
                        throw new IllegalStateException("a fingerprint that fails");
                    }
                    return super.of(e);
                }
            });
            summary = new Migrator(options("in")).migrate(StoreOpener.at(source), StoreOpener.of("target", target));
        }

        assertThat(StoreContents.of(config).events()).isEqualTo(StoreContents.of(source).events());
        // met once by the lane that copied it, and again by the verification, which fails on it as it always did
        assertThat(threads).hasSize(2).anyMatch(t -> t.startsWith("migration-lane-"));
        assertThat(summary.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(summary.describe()).contains("a fingerprint that fails");
    }

    @Test
    void aPayloadTheTargetHoldsAsOtherButJsonEqualTextStillVerifiesEqual() throws Exception {
        Path source = migratedStore(45);
        VerificationReport before = Migrator.verify(source, config, RefusedRecords.none());
        try (Connection c = db.connect()) {
            String[] event = firstRow(c, "SELECT session_id, id, data FROM events WHERE record_json IS NULL"
                    + " ORDER BY session_id, id");
            // the same object as another program may write it: indented, its members the other way round
            JsonNode data = MonitorJson.parse(event[2]);
            List<String> names = new ArrayList<>();
            data.fieldNames().forEachRemaining(names::add);
            Collections.reverse(names);
            ObjectNode reordered = MonitorJson.newObject();
            names.forEach(n -> reordered.set(n, data.get(n)));
            String rewritten = new String(MonitorJson.toUpstreamPretty(reordered), StandardCharsets.UTF_8);
            assertThat(rewritten).isNotEqualTo(event[2]);
            update(c, kind() == ScratchDatabase.Kind.POSTGRESQL
                    ? "UPDATE events SET data = CAST(? AS jsonb) WHERE session_id = ? AND id = ?"
                    : "UPDATE events SET data = ? WHERE session_id = ? AND id = ?", rewritten, event[0], event[1]);
        }

        VerificationReport after = Migrator.verify(source, config, RefusedRecords.none());

        assertThat(before.equal()).as(before.describe()).isTrue();
        assertThat(after.equal()).as(after.describe()).isTrue();
        assertThat(after.eventsCompared()).isEqualTo(before.eventsCompared());
    }

    @Test
    void aTargetThatCannotSumASessionsFingerprintsHasTheRestComparedEventByEvent() throws Exception {
        Path source = migratedStore(46);
        String[] event;
        try (Connection c = db.connect()) {
            // in the last session compared, which the failing server leaves to the event-by-event comparison
            event = firstRow(c, "SELECT session_id, id FROM events WHERE record_json IS NULL"
                    + " ORDER BY session_id DESC, id");
            update(c, "UPDATE events SET machine_id = ? WHERE session_id = ? AND id = ?", "altered", event[0],
                    event[1]);
        }
        VerificationReport report;
        List<String> summed = Collections.synchronizedList(new ArrayList<>());
        try (MonitorStore from = StoreOpener.at(source).open(ReadProblemListener.NONE);
             MonitorStore real = StoreOpener.at(config).open(ReadProblemListener.NONE)) {
            MonitorStore target = withFingerprints(real, new ForwardedFingerprints(real) {
                @Override
                public SessionFingerprint session(String sessionId) {
                    if (!summed.isEmpty()) {
                        throw new StoreException("canceling statement due to statement timeout");
                    }
                    summed.add(sessionId);
                    return super.session(sessionId);
                }
            });
            report = new Verifier(RefusedRecords.none(), VerificationMode.CONTAINMENT, n -> { }).compare(from, target);
        }

        assertThat(summed).hasSize(1).doesNotContain(event[0]);
        assertThat(report.eventsCompared())
                .isEqualTo(StoreContents.of(source).events().values().stream().mapToLong(List::size).sum());
        assertThat(report.differences()).extracting(Difference::kind, Difference::sessionId, Difference::eventId)
                .containsExactly(Tuple.tuple(Difference.Kind.EVENT_DIFFERS, event[0], event[1]));
    }

    @Test
    void damagedInputArrivesWhereGoodAndIsRejectedWhereBad() throws Exception {
        Path source = tmp.resolve("source");
        GeneratedStores.write(source, GeneratedStores.quick(43));
        DamagedStore damaged = UpstreamDamage.write(source, 9, EnumSet.allOf(Damage.class));

        MigrationSummary summary = new Migrator(options("in")).migrate(source, config);

        assertThat(summary.outcome()).as(summary.describe()).isEqualTo(Outcome.COMPLETED_WITH_REJECTS);
        assertThat(summary.verification().equal()).as(summary.verification().describe()).isTrue();
        ExpectedProblem misfiled = damaged.of(Damage.SESSION_ID_OF_300_CHARS).problems().get(0);
        Map<String, JsonNode> rejects = new HashMap<>();
        try (Stream<Path> files = Files.list(tmp.resolve("rejects-in"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode r = MonitorJson.parse(Files.readAllBytes(f));
                rejects.put(r.path("recordId").asText(r.path("location").asText() + ":" + r.path("line")), r);
            }
        }
        JsonNode unreadable = rejects.get(misfiled.file() + ":" + misfiled.line());
        assertThat(unreadable).as("reject of the event with a 300-character session id, in " + rejects.keySet())
                .isNotNull();
        assertThat(unreadable.path("kind").asText()).isEqualTo("unreadable");
        assertThat(unreadable.path("reason").asText()).contains("sessionId").contains("differs from its folder");
        StoreContents target = StoreContents.of(config);
        for (var c : damaged.cases()) {
            List<String> arrived = target.events().getOrDefault(c.sessionId(), List.of());
            c.eventsToArrive().forEach(e ->
                    assertThat(arrived).as("%s: %s", c.damage(), e.id()).contains(StoreContents.canonical(e.json())));
        }
        assertThat(target.events().keySet()).allMatch(id -> id.length() < 300);
    }

    private static String[] firstRow(Connection c, String sql) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            assertThat(rs.next()).as(sql).isTrue();
            String[] row = new String[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getString(i + 1);
            }
            return row;
        }
    }

    /** The real store, offering {@code fingerprints} as its own. */
    private static MonitorStore withFingerprints(MonitorStore real, EventFingerprints fingerprints) {
        return new RecordingStore(real) {
            @Override
            public Optional<EventFingerprints> eventFingerprints() {
                return Optional.of(fingerprints);
            }
        };
    }

    /** A store's own fingerprints, for a test to change one method of. */
    private static class ForwardedFingerprints implements EventFingerprints {
        private final EventFingerprints real;

        ForwardedFingerprints(MonitorStore store) {
            this.real = store.eventFingerprints().orElseThrow();
        }

        @Override
        public OptionalLong of(MonitorEvent e) {
            return real.of(e);
        }

        @Override
        public SessionFingerprint session(String sessionId) {
            return real.session(sessionId);
        }
    }

    /** A generated store, migrated into the database. */
    private Path migratedStore(long seed) {
        Path source = tmp.resolve("source");
        GeneratedStores.write(source, GeneratedStores.quick(seed));
        assertThat(new Migrator(options("in")).migrate(source, config).outcome()).isEqualTo(Outcome.COMPLETED);
        return source;
    }

    private static void update(Connection c, String sql, String... values) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            assertThat(s.executeUpdate()).as(sql).isEqualTo(1);
        }
    }
}
