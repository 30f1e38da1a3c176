package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.ReadProblem;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.contextuate.monitor.file.TestRecords.T0;
import static io.contextuate.monitor.file.TestRecords.event;
import static io.contextuate.monitor.file.TestRecords.ids;
import static io.contextuate.monitor.file.TestRecords.upstreamLine;
import static org.assertj.core.api.Assertions.assertThat;

/** The copy's read of a session: one pass over the events file in file order, no index, each event id once. */
class SaveOrderStreamingTest {

    @TempDir
    Path base;

    private final List<ReadProblem> problems = new CopyOnWriteArrayList<>();

    @Test
    void eventsComeInFileOrderEachIdOnceWithoutBuildingAnIndex() throws Exception {
        writeLines(upstreamLine(event("s1", "late", T0 + 50)), upstreamLine(event("s1", "early", T0)),
                upstreamLine(event("s1", "late", T0 + 50)), "not json\n".getBytes(StandardCharsets.UTF_8),
                upstreamLine(event("s1", "middle", T0 + 20)), "{\"id\":\"cut".getBytes(StandardCharsets.UTF_8));
        try (FileStore store = FileStore.open(base, problems::add)) {
            assertThat(ids(store.streamEventsInSaveOrder("s1"))).containsExactly("late", "early", "middle");
        }
        assertThat(base.resolve(".index")).as("no index was built for the pass").doesNotExist();
        assertThat(problems).extracting(ReadProblem::line).containsExactly(4L, 6L);
        assertThat(problems.get(1).reason()).contains("cut short");
    }

    @Test
    void aRepeatedIdWithDifferentContentIsReportedWithBothLinesAndItsBytesAndTheFirstVersionWins()
            throws Exception {
        MonitorEvent first = event("s1", "e1", T0);
        MonitorEvent changed = event("s1", "e1", T0 + 7);
        byte[] changedLine = upstreamLine(changed);
        writeLines(upstreamLine(first), upstreamLine(event("s1", "e2", T0 + 1)), changedLine,
                upstreamLine(first));
        List<MonitorEvent> streamed;
        try (FileStore store = FileStore.open(base, problems::add);
             Stream<MonitorEvent> events = store.streamEventsInSaveOrder("s1")) {
            streamed = events.toList();
        }
        assertThat(streamed).containsExactly(first, event("s1", "e2", T0 + 1));
        assertThat(problems).hasSize(1);
        ReadProblem p = problems.get(0);
        assertThat(p.reason()).startsWith("conflicting duplicate").contains("'e1'", "line 3", "line 1");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.content()).isEqualTo(MonitorJson.toLine(changed));
    }

    @Test
    void theIndexedReadsReportAConflictingRepeatToo() throws Exception {
        MonitorEvent first = event("s1", "e1", T0);
        MonitorEvent changed = event("s1", "e1", T0 + 7);
        writeLines(upstreamLine(first), upstreamLine(event("s1", "e2", T0 + 1)), upstreamLine(first),
                upstreamLine(changed));
        try (FileStore store = FileStore.open(base, problems::add)) {
            assertThat(store.getEvents("s1")).containsExactly(first, event("s1", "e2", T0 + 1));
            assertThat(ids(store.streamEvents("s1"))).containsExactly("e1", "e2");
        }
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).reason()).startsWith("conflicting duplicate").contains("line 4", "line 1");
        assertThat(problems.get(0).content()).isEqualTo(MonitorJson.toLine(changed));
    }

    @Test
    void idsWithOneHashAreKeptApart() {
        SeenIds seen = new SeenIds();
        seen.add(42, 0);
        seen.add(42, 100);
        for (long h = 0; h < 5000; h++) {
            seen.add(h * 31 + 1000, h);
        }
        assertThat(seen.offsetsOf(42)).containsExactly(0L, 100L);
        assertThat(seen.offsetsOf(4999 * 31 + 1000)).containsExactly(4999L);
        assertThat(seen.offsetsOf(7)).isEmpty();
    }

    private void writeLines(byte[]... lines) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            all.write(line);
        }
        Path dir = Files.createDirectories(base.resolve("sessions").resolve("s1"));
        Files.write(dir.resolve("events.jsonl"), all.toByteArray());
    }
}
