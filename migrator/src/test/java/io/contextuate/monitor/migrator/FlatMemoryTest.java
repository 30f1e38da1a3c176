package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams, not loads: a store several times larger than the heap migrates and verifies in a process limited to a
 * 40 MB heap. (The 200,000 versus 2,000,000 event figures come from {@link MigrationMemoryProbe}.)
 */
class FlatMemoryTest {

    @TempDir
    Path tmp;

    @Test
    void aStoreLargerThanTheHeapMigratesInASmallHeap() throws Exception {
        Path source = tmp.resolve("source");
        MigrationMemoryProbe.generate(source, 40, 1_000, 2_000); // 40,000 events, about 90 MB of JSON
        // the collector the launcher runs every command with; under G1, the JVM's own choice on this machine, one run
        // in about five ran out of this heap during the copy (G1 needs more room beside the live set than it)
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx40m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), MigrationMemoryProbe.class.getName(),
                "migrate", source.toString(), tmp.resolve("target").toString(), tmp.resolve("rejects").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("events:   40000 read, 40000 written", "verify: equal").doesNotContain("OutOfMemory");
        try (MonitorStore target = StoreOpener.at(tmp.resolve("target")).open(ReadProblemListener.NONE)) {
            assertThat(target.stats().events()).isEqualTo(40_000L);
        }
    }
}
