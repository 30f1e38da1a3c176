package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.AccessMode;
import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.ReadProblem;
import io.contextuate.monitor.conformance.Damage;
import io.contextuate.monitor.conformance.DamageCase;
import io.contextuate.monitor.conformance.DamagedStore;
import io.contextuate.monitor.conformance.UpstreamDamage;
import io.contextuate.monitor.conformance.UpstreamEvent;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.contextuate.monitor.file.TestRecords.T0;
import static io.contextuate.monitor.file.TestRecords.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Reading what upstream leaves behind after crashes and bugs: every problem reported, everything else read. */
class UpstreamDamageReadingTest {

    @TempDir
    Path base;

    private final List<ReadProblem> problems = new CopyOnWriteArrayList<>();

    @Test
    void readingTheWholeDamagedStoreReportsEachDamageWithFileAndLineAndReadsEverythingElse() {
        DamagedStore damaged = UpstreamDamage.write(base, 7, EnumSet.allOf(Damage.class));
        try (FileStore store = FileStore.open(base, problems::add)) {
            List<SessionMeta> sessions;
            try (Stream<SessionMeta> s = store.streamSessions()) {
                sessions = s.toList();
            }
            List<String> eventSessions;
            try (Stream<String> ids = store.streamEventSessionIds()) {
                eventSessions = ids.toList();
            }
            assertThat(eventSessions).containsExactlyInAnyOrderElementsOf(
                    damaged.cases().stream().map(DamageCase::sessionId).toList());

            for (DamageCase c : damaged.cases()) {
                List<MonitorEvent> streamed;
                try (Stream<MonitorEvent> events = store.streamEvents(c.sessionId())) {
                    streamed = events.toList();
                }
                assertArrive(c, streamed);
                assertArrive(c, store.getEvents(c.sessionId(), EventQuery.newest(10_000)));
                assertThat(sessions.stream().anyMatch(s -> s.sessionId().equals(c.sessionId())))
                        .as("session record of %s", c.damage()).isEqualTo(c.sessionToArrive().isPresent());
                c.sessionToArrive().ifPresent(expected -> assertThat(CanonicalJson.equal(
                        MonitorJson.toJson(store.getSession(c.sessionId()).orElseThrow()), expected.json()))
                        .as("session record of %s", c.damage()).isTrue());
            }
        }
        assertThat(damaged.unreported(problems)).isEmpty();
        assertThat(damaged.unexpected(problems)).isEmpty();
        assertThat(problems).allSatisfy(p -> assertThat(p.sessionId()).isNotNull());
    }

    @Test
    void aLineThatIsNotUtf8IsReportedWithItsOriginalBytes() throws Exception {
        DamagedStore damaged = UpstreamDamage.write(base, 3, EnumSet.of(Damage.INVALID_UTF8));
        DamageCase c = damaged.of(Damage.INVALID_UTF8);
        long line = c.problems().get(0).line();
        byte[] original = Files.readAllLines(c.problems().get(0).file(), StandardCharsets.ISO_8859_1)
                .get((int) line - 1).getBytes(StandardCharsets.ISO_8859_1);

        try (FileStore store = FileStore.open(base, problems::add)) {
            assertArrive(c, store.getEvents(c.sessionId()));
        }
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.content()).isEqualTo(original);
            assertThat(p.sessionId()).isEqualTo(c.sessionId());
        });
    }

    @Test
    void appendingAfterACutShortLastLineStartsTheNewEventOnItsOwnLine() throws Exception {
        DamagedStore damaged = UpstreamDamage.write(base, 5, EnumSet.of(Damage.CUT_FINAL_LINE));
        DamageCase c = damaged.of(Damage.CUT_FINAL_LINE);
        Path events = c.problems().get(0).file();
        long cutLine = c.problems().get(0).line();

        try (FileStore store = FileStore.open(base, problems::add)) {
            assertThat(store.saveEvent(event(c.sessionId(), "after-the-crash", T0))).isTrue();
            assertThat(store.getEventById(c.sessionId(), "after-the-crash")).isPresent();
            assertThat(store.getEvents(c.sessionId(), EventQuery.newest(10_000)))
                    .hasSize(c.eventsToArrive().size() + 1);
        }
        List<String> lines = Files.readAllLines(events);
        assertThat(lines).hasSize((int) cutLine + 1);
        assertThat(MonitorJson.readEvent(lines.get((int) cutLine).getBytes(StandardCharsets.UTF_8)).id())
                .isEqualTo("after-the-crash");
        assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p.line()).isEqualTo(cutLine));
    }

    @Test
    void aWholeEventOnALastLineWithoutLineFeedIsReadAndKeptWhenAnotherIsAppended() throws Exception {
        Path file = base.resolve("sessions").resolve("s").resolve("events.jsonl");
        Files.createDirectories(file.getParent());
        byte[] first = TestRecords.upstreamLine(event("s", "first", T0));
        byte[] unterminated = MonitorJson.toLine(event("s", "unterminated", T0 + 1));
        Files.write(file, first);
        Files.write(file, unterminated, StandardOpenOption.APPEND);

        try (FileStore store = FileStore.open(base, problems::add)) {
            assertThat(TestRecords.ids(store.getEvents("s"))).containsExactly("first", "unterminated");
            assertThat(problems).isEmpty();
            store.saveEvent(event("s", "next", T0 + 2));
            assertThat(TestRecords.ids(store.getEvents("s"))).containsExactly("first", "unterminated", "next");
            assertThat(store.saveEvent(event("s", "unterminated", T0))).isFalse();
        }
        assertThat(Files.readAllLines(file)).hasSize(3);
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(2));
    }

    @Test
    void anEventWhoseSessionIdDiffersFromItsFolderIsAProblemAtItsLineAndAnEventOfNeitherSession() throws Exception {
        Path a = base.resolve("sessions").resolve("a").resolve("events.jsonl");
        Path b = base.resolve("sessions").resolve("b").resolve("events.jsonl");
        Files.createDirectories(a.getParent());
        Files.createDirectories(b.getParent());
        byte[] misfiled = MonitorJson.toLine(event("b", "misfiled", T0 + 1));
        Files.write(a, TestRecords.upstreamLine(event("a", "a1", T0)));
        Files.write(a, misfiled, StandardOpenOption.APPEND);
        Files.write(a, new byte[] {'\n'}, StandardOpenOption.APPEND);
        Files.write(a, TestRecords.upstreamLine(event("a", "a2", T0 + 2)), StandardOpenOption.APPEND);
        Files.write(b, TestRecords.upstreamLine(event("b", "b1", T0)));

        try (FileStore store = FileStore.open(base, problems::add)) {
            assertThat(TestRecords.ids(store.getEvents("a"))).containsExactly("a1", "a2");
            assertThat(store.getEventById("a", "misfiled")).isEmpty();
            assertThat(TestRecords.ids(store.streamEvents("a"))).containsExactly("a1", "a2");
            assertThat(TestRecords.ids(store.getEvents("b"))).containsExactly("b1");
            assertThat(store.getEventById("b", "misfiled")).isEmpty();
            assertThat(TestRecords.ids(store.getAllRecentEvents(10))).containsExactlyInAnyOrder("a1", "a2", "b1");
            assertOneProblemAtLineTwo(a, misfiled);
        }
        problems.clear();
        try (FileStore store = FileStore.open(base, problems::add, AccessMode.READ_ONLY);
             Stream<MonitorEvent> inSaveOrder = store.streamEventsInSaveOrder("a")) {
            assertThat(TestRecords.ids(inSaveOrder)).containsExactly("a1", "a2");
            assertOneProblemAtLineTwo(a, misfiled);
        }
    }

    /** Each read reports it again: all reports are this one. */
    private void assertOneProblemAtLineTwo(Path file, byte[] bytes) {
        assertThat(problems).isNotEmpty().allSatisfy(p -> {
            assertThat(p.location()).isEqualTo(file.toString());
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.sessionId()).isEqualTo("a");
            assertThat(p.reason()).isEqualTo("sessionId 'b' differs from its folder 'a'");
            assertThat(p.content()).isEqualTo(bytes);
        });
    }

    private static void assertArrive(DamageCase c, List<MonitorEvent> read) {
        Map<String, UpstreamEvent> expected = c.eventsToArrive().stream()
                .collect(Collectors.toMap(UpstreamEvent::id, Function.identity()));
        assertThat(read).as("events of %s", c.damage()).extracting(MonitorEvent::id)
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (MonitorEvent e : read) {
            assertThat(CanonicalJson.equal(MonitorJson.toJson(e), expected.get(e.id()).json()))
                    .as("event %s of %s is JSON-equal to its line", e.id(), c.damage()).isTrue();
        }
    }
}
