package io.contextuate.monitor.migrator;

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

    @Test
    void killedAtSeveralMomentsAndRestartedTheSyncLeavesNoGapAndNoCopy() throws Exception {
        Path source = tmp.resolve("source");
        Files.createDirectories(source.resolve("sessions"));
        Path state = tmp.resolve("state");
        Path log = tmp.resolve("sync.log");
        try (ScratchDatabase db = ScratchDatabase.create(ScratchDatabase.Kind.POSTGRESQL)) {
            Path target = db.writeConfig(tmp);
            assertThat(StoreContents.of(target).sessions()).isEmpty(); // the schema exists before the first kill
            Process writer = UpstreamWriter.start(source, "k", 12, 120, 60, tmp.resolve("writer.log"));
            try {
                int killedWhileWriting = 0;
                for (long killAfter : List.of(1200L, 700L, 1500L, 400L, 1000L)) {
                    Process sync = SyncChildProcess.start(log, state.toString(), target.toString(),
                            source.toString());
                    Thread.sleep(killAfter);
                    sync.destroyForcibly(); // SIGKILL
                    assertThat(sync.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    killedWhileWriting += writer.isAlive() ? 1 : 0;
                }
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
