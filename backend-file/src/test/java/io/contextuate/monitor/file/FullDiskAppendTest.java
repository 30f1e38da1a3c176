package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.StoreUnavailableException;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file-store target on a disk that fills up (a real small tmpfs): the write that does not fit fails, leaves no
 * torn line behind, and once space is freed the same saves complete the file, every line an event, each once.
 */
class FullDiskAppendTest {

    private static final String SESSION = "fulldisk0000001";

    @TempDir
    Path temp;

    @Test
    @Timeout(120)
    void aWriteCutShortByAFullDiskLeavesOnlyWholeLinesAndTheNextWriteParses() throws Exception {
        try (SmallTmpfs disk = SmallTmpfs.mount(temp, 1024)) {
            Path base = disk.dir().resolve("store");
            Path filler = disk.dir().resolve("filler");
            Files.write(filler, new byte[600 * 1024]);
            Path file = base.resolve("sessions").resolve(SESSION).resolve("events.jsonl");
            List<List<MonitorEvent>> batches = new ArrayList<>();
            for (int b = 0; b < 16; b++) {
                List<MonitorEvent> batch = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    int n = b * 5 + i;
                    batch.add(TestRecords.eventWithPayload(SESSION, "e" + n, TestRecords.T0 + n, 7000 + 331 * i));
                }
                batches.add(batch);
            }
            int failures = 0;
            try (FileStore store = FileStore.open(base, null)) {
                for (List<MonitorEvent> batch : batches) {
                    try {
                        store.saveEvents(batch);
                    } catch (StoreUnavailableException full) {
                        failures++;
                        assertEveryLineIsAnEvent(file);
                    }
                }
                assertThat(failures).as("saves the full disk refused").isPositive();

                Files.delete(filler);
                for (List<MonitorEvent> batch : batches) {
                    store.saveEvents(batch); // the same saves again, now that there is room
                }
            }
            List<String> ids = assertEveryLineIsAnEvent(file);
            Set<String> expected = new HashSet<>();
            batches.forEach(batch -> batch.forEach(e -> expected.add(e.id())));
            assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            try (FileStore reader = FileStore.open(base, null)) {
                assertThat(reader.stats().events()).isEqualTo(expected.size());
            }
        }
    }

    private static List<String> assertEveryLineIsAnEvent(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes.length == 0 || bytes[bytes.length - 1] == '\n').as("the file ends with a line feed")
                .isTrue();
        List<String> ids = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                ids.add(MonitorJson.readEvent(line.getBytes(StandardCharsets.UTF_8)).id());
            }
        }
        return ids;
    }
}
