package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A migration reads its source without writing into it: a source on a read-only mount migrates and is left as it was. */
class ReadOnlySourceMigrationTest {

    @TempDir
    Path tmp;

    @Test
    void aSourceOnAReadOnlyMountMigratesAndVerifiesAndIsLeftUnchanged() throws Exception {
        Path source = tmp.resolve("source");
        GeneratedStores.write(source, GeneratedStores.quick(3));
        long events;
        try (MonitorStore store = StoreOpener.at(source).openForReading(ReadProblemListener.NONE)) {
            events = StoreContents.of(store).eventCount();
        }
        Map<String, String> before = tree(source);
        Path view = Files.createDirectories(tmp.resolve("read-only-view"));
        run("mount", "--bind", source.toString(), view.toString());
        try {
            run("mount", "-o", "remount,bind,ro", view.toString());
            MigrationSummary summary = new Migrator(MigrationOptions.defaults()
                    .withRejectsDir(tmp.resolve("rejects")).withCheckpointFile(tmp.resolve("checkpoint.jsonl")))
                    .migrate(view, tmp.resolve("target"));

            assertThat(summary.verification().equal()).as(summary.describe()).isTrue();
            assertThat(summary.events().written()).isEqualTo(events);
            assertThat(Migrator.verify(view, tmp.resolve("target"), RefusedRecords.none()).equal()).isTrue();
        } finally {
            run("umount", view.toString());
        }
        assertThat(tree(source)).as("every file of the source, its size and time").isEqualTo(before);
        assertThat(source.resolve(".index")).doesNotExist();
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

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (this test needs root): " + output);
        }
    }
}
