package io.contextuate.monitor.conformance;

import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.ReadProblem;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The damage expectations are what a forgiving line reader built on {@link MonitorJson} really meets: each expected
 * problem is a line or file that does not read, every other line reads, and the records said to arrive are exactly
 * the ones that read.
 */
class UpstreamDamageTest {

    @TempDir
    static Path dir;

    private static DamagedStore store;

    @BeforeAll
    static void writeEveryDamage() {
        store = UpstreamDamage.write(dir, 7, EnumSet.allOf(Damage.class));
    }

    @Test
    void everyDamageHasItsOwnSession() {
        assertThat(store.cases()).extracting(DamageCase::damage).containsExactlyInAnyOrder(Damage.values());
        assertThat(store.cases()).extracting(DamageCase::sessionId).doesNotHaveDuplicates();
    }

    @Test
    void aPlainReaderReportsExactlyTheExpectedProblems() throws IOException {
        List<ReadProblem> problems = new ArrayList<>();
        for (DamageCase c : store.cases()) {
            read(c.sessionId(), problems);
        }
        assertThat(store.unreported(problems)).isEmpty();
        assertThat(store.unexpected(problems)).isEmpty();
        assertThat(store.expectedProblems()).hasSize(9);
    }

    @Test
    void theRecordsSaidToArriveAreTheOnesThatRead() throws IOException {
        for (DamageCase c : store.cases()) {
            Map<String, MonitorEvent> read = read(c.sessionId(), new ArrayList<>());
            assertThat(read.keySet()).as(c.damage().toString())
                    .containsExactlyElementsOf(c.eventsToArrive().stream().map(UpstreamEvent::id).toList());
            c.eventsToArrive().forEach(e -> ConformanceRecords.assertJsonEqual(read.get(e.id()), e.json()));
            Path meta = dir.resolve("sessions").resolve(c.sessionId()).resolve("meta.json");
            if (c.sessionToArrive().isPresent()) {
                ConformanceRecords.assertJsonEqual(MonitorJson.readSession(Files.readAllBytes(meta)),
                        c.session().json());
            }
        }
    }

    @Test
    void theHarmlessDamageIsOnDisk() throws IOException {
        byte[] bom = Files.readAllBytes(events(Damage.UTF8_BOM));
        assertThat(Arrays.copyOf(bom, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(Files.readAllBytes(events(Damage.CRLF_LINE_ENDS)))).contains("}\r\n");
        assertThat(Files.size(events(Damage.FIVE_MEGABYTE_LINE))).isGreaterThan(5L * 1024 * 1024);
        assertThat(Files.readAllLines(events(Damage.SESSION_ID_OF_300_CHARS)))
                .anyMatch(l -> MonitorJson.readEvent(l.getBytes(StandardCharsets.UTF_8)).sessionId().length() == 300);
    }

    private Path events(Damage d) {
        return dir.resolve("sessions").resolve(store.of(d).sessionId()).resolve("events.jsonl");
    }

    /**
     * A minimal forgiving reader: BOM and CR tolerated, bad lines, lines of another session and bad files reported,
     * duplicates dropped.
     */
    private static Map<String, MonitorEvent> read(String sessionId, List<ReadProblem> problems) throws IOException {
        Path sessionDir = dir.resolve("sessions").resolve(sessionId);
        Path meta = sessionDir.resolve("meta.json");
        if (!Files.exists(meta)) {
            problems.add(new ReadProblem(meta.toString(), 0, sessionId, "missing", null));
        } else {
            try {
                MonitorJson.readSession(Files.readAllBytes(meta));
            } catch (InvalidRecordException e) {
                problems.add(new ReadProblem(meta.toString(), 0, sessionId, e.getMessage(), null));
            }
        }
        Map<String, MonitorEvent> events = new LinkedHashMap<>();
        byte[] all = Files.readAllBytes(sessionDir.resolve("events.jsonl"));
        int start = 0;
        for (int lineNo = 1; start < all.length; lineNo++) {
            int end = start;
            while (end < all.length && all[end] != '\n') {
                end++;
            }
            byte[] line = Arrays.copyOfRange(all, start, end);
            try {
                MonitorEvent e = MonitorJson.readEvent(line);
                if (e.sessionId().equals(sessionId)) {
                    events.putIfAbsent(e.id(), e);
                } else {
                    problems.add(new ReadProblem(sessionDir.resolve("events.jsonl").toString(), lineNo, sessionId,
                            "sessionId differs from its folder", line));
                }
            } catch (InvalidRecordException e) {
                problems.add(new ReadProblem(sessionDir.resolve("events.jsonl").toString(), lineNo, sessionId,
                        e.getMessage(), line));
            }
            start = end + 1;
        }
        return events;
    }
}
