package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two processes appending to one session through their own stores leave every line whole and every event once. */
class CrossProcessAppendTest {

    private static final String SESSION = "sharedsession01";
    private static final int COUNT = 1000;
    private static final int PAYLOAD = 16 * 1024;

    @TempDir
    Path base;

    @Test
    void twoProcessesAppendingToOneSessionLeaveEveryLineWholeAndEveryEventOnce() throws Exception {
        Files.createDirectories(base);
        Path log = base.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AppendingProcess.class.getName(),
                base.toString(), SESSION, "child-", String.valueOf(COUNT), String.valueOf(PAYLOAD))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AppendingProcess.warmUp(base, "parent");
        try (FileStore store = FileStore.open(base, null)) {
            while (!Files.exists(AppendingProcess.signal(base, "ready")) && child.isAlive()) {
                Thread.sleep(5);
            }
            Files.createFile(AppendingProcess.signal(base, "go"));
            AppendingProcess.appendAll(store, SESSION, "parent-", COUNT, PAYLOAD);
        } finally {
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child process finished").isTrue();
        }
        assertThat(child.exitValue()).as(() -> "exit code of the child; its output:\n" + readQuietly(log)).isZero();

        List<String> lines = Files.readAllLines(base.resolve("sessions").resolve(SESSION).resolve("events.jsonl"));
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            MonitorEvent e = MonitorJson.readEvent(line.getBytes(StandardCharsets.UTF_8));
            ids.add(e.id());
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < COUNT; i++) {
            expected.add("child-" + i);
            expected.add("parent-" + i);
            if (i % 10 == 0) {
                expected.add("shared-" + i);
            }
        }
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(writerChanges(ids)).as("how often the writers' lines alternate (they must have overlapped)")
                .isGreaterThan(2);
        try (FileStore reader = FileStore.open(base, null)) {
            assertThat(reader.stats().events()).isEqualTo(expected.size());
        }
    }


    /** How often, in file order, a line of one writer follows a line of the other. */
    private static int writerChanges(List<String> ids) {
        int changes = 0;
        String previous = null;
        for (String id : ids) {
            String writer = id.startsWith("child-") ? "child" : id.startsWith("parent-") ? "parent" : previous;
            if (previous != null && !previous.equals(writer)) {
                changes++;
            }
            previous = writer;
        }
        return changes;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
