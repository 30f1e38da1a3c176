package io.contextuate.monitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The read commands open the store read-only: they leave its directory exactly as they found it. */
class ReadCommandsLeaveTheStoreTest {

    @TempDir
    Path dir;

    @Test
    void sessionsEventsRecentStatsDoctorAndExportWriteNothingIntoTheStore() throws Exception {
        SampleStore store = SampleStore.write(dir);
        String session = store.dataset().sessions().stream().filter(s -> !s.lines().isEmpty()).findFirst()
                .orElseThrow().sessionId();
        Map<String, String> before = tree(store.baseDir());
        String config = store.configFile().toString();
        List<String[]> commands = List.of(
                new String[] {"--config", config, "sessions", "--all"},
                new String[] {"--config", config, "events", session},
                new String[] {"--config", config, "recent"},
                new String[] {"--config", config, "stats"},
                new String[] {"--config", config, "doctor"},
                new String[] {"--config", config, "export", "--dir", dir.resolve("exported").toString()});
        for (String[] command : commands) {
            CommandResult r = CommandResult.run(command);
            assertThat(r.exitCode()).as(r.toString()).isIn(0, 3);
            assertThat(tree(store.baseDir())).as("the store after %s", command[2]).isEqualTo(before);
        }
        assertThat(store.baseDir().resolve(".index")).doesNotExist();
    }

    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                entries.put(dir.relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p));
            }
        }
        return entries;
    }
}
