package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of a real {@code sync --follow} process at several moments while an upstream-like writer goes on,
 * then a restart: the target ends with every line of the source, none twice.
 */
class SyncKillTest {

    @TempDir
    Path tmp;

    private static long events(Path target) {
        try (MonitorStore s = StoreOpener.at(target).open(ReadProblemListener.NONE)) {
            return s.stats().events();
        }
    }

    @Test
    void killedAtSeveralMomentsAndRestartedTheSyncLeavesNoGapAndNoCopy() throws Exception {
        Path source = tmp.resolve("source");
        Files.createDirectories(source.resolve("sessions"));
        Path state = tmp.resolve("state");
        Path log = tmp.resolve("sync.log");
        try (ScratchDatabase db = ScratchDatabase.create(ScratchDatabase.Kind.POSTGRESQL)) {
            Path target = db.writeConfig(tmp);
            assertThat(StoreContents.of(target).sessions()).isEmpty(); // the schema exists before the first kill
            Process writer = UpstreamWriter.start(source, "k", 12, 120, 250, tmp.resolve("writer.log")); // ~30 s
            try {
                int killedWhileWriting = 0;
                int killedAfterProgress = 0;
                for (long killAfter : List.of(120L, 0L, 300L, 40L, 200L)) {
                    long before = events(target);
                    Process sync = SyncChildProcess.start(log, state.toString(), target.toString(),
                            source.toString());
                    // each kill lands after this process has stored something, so some land between batches
                    // and some inside one, whatever the machine's speed
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (events(target) == before && sync.isAlive() && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    killedAfterProgress += events(target) > before ? 1 : 0;
                    Thread.sleep(killAfter);
                    sync.destroyForcibly(); // SIGKILL
                    assertThat(sync.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    killedWhileWriting += writer.isAlive() ? 1 : 0;
                }
                assertThat(killedAfterProgress).as("kills after the killed process stored events").isGreaterThanOrEqualTo(4);
                assertThat(killedWhileWriting).as("kills while the writer went on").isGreaterThanOrEqualTo(3);
                UpstreamWriter.awaitExit(writer);
            } finally {
                writer.destroyForcibly();
            }
            Process last = SyncChildProcess.start(log, state.toString(), target.toString(), source.toString());
            try {
                Containment.await(source, target, Duration.ofSeconds(90));
            } finally {
                last.destroy();
                assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            StoreContents all = StoreContents.of(target);
            assertThat(all.eventCount()).isEqualTo(12 * 120);
            assertThat(all.sessions()).hasSize(12);
            assertThat(Containment.problems(StoreContents.of(source), all)).isEmpty();
        }
    }
}
