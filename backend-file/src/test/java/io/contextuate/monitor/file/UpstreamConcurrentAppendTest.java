package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's appends beside upstream's: a Node.js process appending as upstream does (O_APPEND, no lock) while
 * several threads save through {@code saveEvent} and {@code saveEvents}. Afterwards every line of both writers is in
 * the file, whole, exactly once, and the store's index (built while foreign lines landed between its own) answers
 * for all of them.
 */
class UpstreamConcurrentAppendTest {

    private static final String SESSION = "sharedwithnode01";
    private static final int THREADS = 3;

    @TempDir
    Path base;

    @ParameterizedTest(name = "upstream pausing {0} ms after each line")
    @ValueSource(ints = {0, 3})
    void everyLineOfUpstreamAndOfTheStoreIsInTheFileWholeAndOnce(int pauseMs) throws Exception {
        int upstreamLines = pauseMs == 0 ? 16_000 : 700;
        Path file = base.resolve("sessions").resolve(SESSION).resolve("events.jsonl");
        Files.createDirectories(file.getParent());
        Map<String, Integer> savedByThread = new HashMap<>();
        try (FileStore store = FileStore.open(base, null)) {
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<Integer>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String prefix = "t" + t + "-";
                writers.add(pool.submit(() -> saveUntilStopped(store, prefix, stop)));
            }
            while (store.stats().events() < 300) {
                for (Future<Integer> w : writers) {
                    if (w.isDone()) {
                        w.get(); // a writer that failed fails the test with its cause, instead of waiting forever
                    }
                }
                Thread.sleep(1); // the store's writers run at full speed before upstream starts
            }
            try (UpstreamAppender upstream = UpstreamAppender.start(file, SESSION, "node-", upstreamLines,
                    pauseMs)) {
                assertThat(upstream.await()).as("exit code of the node writer").isZero();
            } finally {
                stop.set(true);
            }
            for (int t = 0; t < THREADS; t++) {
                savedByThread.put("t" + t + "-", writers.get(t).get());
            }
            pool.shutdown();

            int total = upstreamLines + savedByThread.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(store.stats().events()).as("events the writing store's own index counts").isEqualTo(total);
            assertThat(store.getEvents(SESSION, EventQuery.newest(total))).hasSize(total);
            assertThat(store.getEventById(SESSION, "node-" + (upstreamLines - 1))).isPresent();
        }

        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            // A blank line is the one trace the line-feed repair may leave when upstream is descheduled in the
            // middle of a write for longer than the repair waits (reads skip it); it is no line of either writer.
            if (!line.isEmpty()) {
                ids.add(MonitorJson.readEvent(line.getBytes(StandardCharsets.UTF_8)).id()); // every line whole
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < upstreamLines; i++) {
            expected.add("node-" + i);
        }
        savedByThread.forEach((prefix, count) -> {
            for (int i = 0; i < count; i++) {
                expected.add(prefix + i);
            }
        });
        assertThat(savedByThread.values()).allSatisfy(n -> assertThat(n).isGreaterThan(100));
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(writerChanges(ids)).as("how often node's lines and the store's alternate (they overlapped)")
                .isGreaterThan(pauseMs == 0 ? 2 : 20);
        try (FileStore reader = FileStore.open(base, null)) {
            assertThat(reader.stats().events()).isEqualTo(expected.size());
        }
    }

    /** Saves events one by one and in batches of up to 8 until told to stop; how many it saved. */
    private static int saveUntilStopped(FileStore store, String prefix, AtomicBoolean stop) {
        int n = 0;
        while (!stop.get()) {
            if (n % 3 == 0) {
                assertThat(store.saveEvent(TestRecords.eventWithPayload(SESSION, prefix + n, TestRecords.T0 + n,
                        n % 2000))).isTrue();
                n++;
            } else {
                List<MonitorEvent> batch = new ArrayList<>();
                for (int k = 0; k < 1 + n % 8; k++, n++) {
                    batch.add(TestRecords.eventWithPayload(SESSION, prefix + n, TestRecords.T0 + n, n % 3000));
                }
                assertThat(store.saveEvents(batch)).isEqualTo(batch.size());
            }
        }
        return n;
    }

    private static int writerChanges(List<String> ids) {
        int changes = 0;
        for (int i = 1; i < ids.size(); i++) {
            if (ids.get(i).startsWith("node-") != ids.get(i - 1).startsWith("node-")) {
                changes++;
            }
        }
        return changes;
    }
}
