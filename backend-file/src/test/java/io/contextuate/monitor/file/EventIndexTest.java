package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.ReadProblem;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.contextuate.monitor.file.TestRecords.T0;
import static io.contextuate.monitor.file.TestRecords.event;
import static io.contextuate.monitor.file.TestRecords.ids;
import static io.contextuate.monitor.file.TestRecords.upstreamLine;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sidecar index never changes an answer: files out of timestamp order, with repeated ids, appended by upstream
 * behind the store's back, and damaged or stale index files all give what a plain scan of the file gives.
 */
class EventIndexTest {

    private static final String S = "outoforder";

    @TempDir
    Path base;

    private final Random random = new Random(42);

    @Test
    void newestEventsOfAFileOutOfTimestampOrderWithRepeatedIdsMatchAFullScan() throws Exception {
        List<MonitorEvent> lines = shuffledLines(S, "e", 2000);
        appendAsUpstream(S, lines);
        try (FileStore store = FileStore.open(base, null)) {
            assertSameAsScan(store, S, lines);
        }
    }

    @Test
    void linesUpstreamAppendsBetweenTwoReadsOfAnOpenStoreAreSeen() throws Exception {
        List<MonitorEvent> lines = shuffledLines(S, "e", 700);
        appendAsUpstream(S, lines);
        try (FileStore store = FileStore.open(base, null)) {
            assertSameAsScan(store, S, lines);

            List<MonitorEvent> more = shuffledLines(S, "later", 300);
            more.add(event(S, "e5", T0 + 999_999)); // a repeat of an old id with the newest timestamp
            more.add(event(S, "newest", T0 + 888_888));
            appendAsUpstream(S, more);
            lines.addAll(more);

            assertSameAsScan(store, S, lines);
            assertThat(store.saveEvent(event(S, "newest", T0))).isFalse();
            assertThat(store.saveEvent(event(S, "later7", T0))).isFalse();
        }
    }

    @Test
    void linesUpstreamAppendsWhileNoStoreIsOpenAreSeenAfterReopening() throws Exception {
        List<MonitorEvent> lines = shuffledLines(S, "e", 700);
        try (FileStore store = FileStore.open(base, null)) {
            store.saveEvents(lines);
        }
        assertThat(base.resolve(".index").resolve(S + ".idx")).exists();
        List<MonitorEvent> more = shuffledLines(S, "later", 50);
        more.add(event(S, "e1", T0 + 999_999));
        appendAsUpstream(S, more);
        lines.addAll(more);

        try (FileStore store = FileStore.open(base, null)) {
            assertSameAsScan(store, S, lines);
        }
    }

    @Test
    void aTruncatedCorruptedOrGarbageIndexFileIsRebuilt() throws Exception {
        List<MonitorEvent> lines = shuffledLines(S, "e", 900);
        appendAsUpstream(S, lines);
        Path index = base.resolve(".index").resolve(S + ".idx");
        try (FileStore store = FileStore.open(base, null)) {
            store.getEvents(S);
        }
        byte[] good = Files.readAllBytes(index);

        Files.write(index, Arrays.copyOf(good, good.length / 2));
        try (FileStore store = FileStore.open(base, null)) {
            assertSameAsScan(store, S, lines);
        }
        byte[] flipped = good.clone();
        flipped[flipped.length / 3] ^= 0x5A;
        Files.write(index, flipped);
        try (FileStore store = FileStore.open(base, null)) {
            assertSameAsScan(store, S, lines);
        }
        Files.writeString(index, "not an index at all");
        try (FileStore store = FileStore.open(base, null)) {
            assertSameAsScan(store, S, lines);
        }
    }

    @Test
    void anIndexOfAFileThatWasReplacedIsNotTrusted() throws Exception {
        List<MonitorEvent> first = shuffledLines(S, "first", 600);
        appendAsUpstream(S, first);
        try (FileStore store = FileStore.open(base, null)) {
            store.getEvents(S);
        }
        Files.delete(base.resolve("sessions").resolve(S).resolve("events.jsonl"));
        List<MonitorEvent> second = shuffledLines(S, "second", 800);
        appendAsUpstream(S, second);

        try (FileStore store = FileStore.open(base, null)) {
            assertSameAsScan(store, S, second);
        }
    }

    @Test
    void recentEventsAcrossSessionsOutOfOrderMatchAFullScan() throws Exception {
        List<MonitorEvent> all = new ArrayList<>();
        for (String session : List.of("a", "b", "c", "d")) {
            List<MonitorEvent> lines = shuffledLines(session, session, 400);
            appendAsUpstream(session, lines);
            List<MonitorEvent> saveOrder = firstOccurrences(lines);
            Collections.reverse(saveOrder); // so a stable sort puts later saves first among equals
            all.addAll(saveOrder);
        }
        List<String> expected = all.stream()
                .sorted(Comparator.comparingLong(MonitorEvent::timestamp).reversed()
                        .thenComparing(MonitorEvent::sessionId))
                .map(e -> e.sessionId() + "/" + e.id()).limit(150).toList();
        try (FileStore store = FileStore.open(base, null)) {
            assertThat(store.getAllRecentEvents(150)).extracting(e -> e.sessionId() + "/" + e.id())
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aLastLineStillBeingWrittenIsNotIndexedAndIsReadWholeOnceItIsComplete() throws Exception {
        List<MonitorEvent> lines = shuffledLines(S, "e", 300);
        appendAsUpstream(S, lines);
        MonitorEvent arriving = event(S, "arriving", T0 + 777_777);
        byte[] line = upstreamLine(arriving);
        Path file = base.resolve("sessions").resolve(S).resolve("events.jsonl");
        List<ReadProblem> problems = new CopyOnWriteArrayList<>();
        try (FileStore store = FileStore.open(base, problems::add)) {
            Files.write(file, Arrays.copyOf(line, 40), StandardOpenOption.APPEND);
            assertThat(store.getEventById(S, "arriving")).isEmpty();
            assertThat(problems).filteredOn(p -> !p.reason().startsWith("conflicting duplicate")) // the repeats
                    .singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(lines.size() + 1));

            Files.write(file, Arrays.copyOfRange(line, 40, line.length), StandardOpenOption.APPEND);
            lines.add(arriving);
            assertSameAsScan(store, S, lines);
            assertThat(store.getEvents(S, EventQuery.newest(1))).containsExactly(arriving);
        }
    }

    private void assertSameAsScan(FileStore store, String session, List<MonitorEvent> fileOrder) {
        List<MonitorEvent> chronological = chronological(fileOrder);
        for (int limit : new int[] {1, 100, 257, 5000}) {
            assertThat(ids(store.getEvents(session, EventQuery.newest(limit))))
                    .as("newest %d", limit).containsExactlyElementsOf(ids(last(chronological, limit)));
        }
        long after = T0 + 10_000;
        long before = T0 + 40_000;
        List<MonitorEvent> between = chronological.stream()
                .filter(e -> e.timestamp() > after && e.timestamp() < before).toList();
        assertThat(ids(store.getEvents(session, EventQuery.newest(120).after(after).before(before))))
                .containsExactlyElementsOf(ids(last(between, 120)));
        try (Stream<MonitorEvent> streamed = store.streamEvents(session)) {
            assertThat(ids(streamed.toList())).containsExactlyElementsOf(ids(chronological));
        }
        for (MonitorEvent e : firstOccurrences(fileOrder).subList(0, 20)) {
            assertThat(store.getEventById(session, e.id())).contains(e);
        }
        assertThat(store.stats().events()).isEqualTo(chronological.size());
    }

    /** Lines with timestamps in random order, some ids repeated with other timestamps, and some equal timestamps. */
    private List<MonitorEvent> shuffledLines(String session, String prefix, int count) {
        List<MonitorEvent> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long ts = T0 + random.nextInt(50_000) / 7 * 7;
            lines.add(event(session, prefix + i, ts));
            if (i % 97 == 5) {
                lines.add(event(session, prefix + random.nextInt(i + 1), T0 + random.nextInt(60_000)));
            }
        }
        return lines;
    }

    private void appendAsUpstream(String session, List<MonitorEvent> lines) throws Exception {
        Path file = base.resolve("sessions").resolve(session).resolve("events.jsonl");
        Files.createDirectories(file.getParent());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MonitorEvent e : lines) {
            out.writeBytes(upstreamLine(e));
        }
        Files.write(file, out.toByteArray(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<MonitorEvent> firstOccurrences(List<MonitorEvent> fileOrder) {
        Map<String, MonitorEvent> first = new LinkedHashMap<>();
        fileOrder.forEach(e -> first.putIfAbsent(e.id(), e));
        return new ArrayList<>(first.values());
    }

    /** First occurrences sorted by timestamp; the sort is stable, so equal timestamps stay in file order. */
    private static List<MonitorEvent> chronological(List<MonitorEvent> fileOrder) {
        List<MonitorEvent> events = firstOccurrences(fileOrder);
        events.sort(Comparator.comparingLong(MonitorEvent::timestamp));
        return events;
    }

    private static List<MonitorEvent> last(List<MonitorEvent> events, int n) {
        return events.subList(Math.max(0, events.size() - n), events.size());
    }

}
