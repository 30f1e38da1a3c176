package io.contextuate.monitor.migrator;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The target server restarts while {@code sync --follow} runs beside a live writer: the sync waits (saying so once),
 * then catches up; nothing is lost, nothing doubled. Each run uses a server of its own on another port.
 */
class SyncTargetRestartTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(ScratchDatabase.Kind.class)
    void aTargetRestartedWhileFollowingIsWaitedForAndCaughtUpWith(ScratchDatabase.Kind kind) throws Exception {
        Path source = tmp.resolve("source");
        Files.createDirectories(source.resolve("sessions"));
        Path log = tmp.resolve("sync.log");
        try (OwnServer server = OwnServer.create(kind, tmp)) {
            Path target = server.writeConfig(tmp);
            assertThat(StoreContents.of(target).sessions()).isEmpty();
            Process sync = SyncChildProcess.start(log, tmp.resolve("state").toString(), target.toString(),
                    source.toString());
            try {
                Process writer = UpstreamWriter.start(source, "r", 6, 200, 60, tmp.resolve("writer.log"));
                try {
                    for (int i = 0; i < 300 && StoreContents.of(target).eventCount() == 0; i++) {
                        Thread.sleep(100);
                    }
                    server.stop(); // while following, not while starting
                    Thread.sleep(12_000); // longer than the store's own retries; the writer goes on, the sync waits
                    assertThat(sync.isAlive()).isTrue();
                    SyncStatus waiting = SyncStatus.read(tmp.resolve("state")).get(0);
                    assertThat(waiting.lastError()).as("sync status while the target is away").isNotNull();
                    assertThat(waiting.linesBehind()).isPositive();
                    server.start();
                    UpstreamWriter.awaitExit(writer);
                } finally {
                    writer.destroyForcibly();
                }
                Containment.await(source, target, Duration.ofSeconds(120));
                for (int i = 0; i < 100 && SyncStatus.read(tmp.resolve("state")).get(0).lastError() != null; i++) {
                    Thread.sleep(100); // the pass that caught up may still be writing its status
                }
                assertThat(SyncStatus.read(tmp.resolve("state")).get(0).lastError())
                        .as("sync status once the target is back").isNull();
            } finally {
                sync.destroy();
                assertThat(sync.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(StoreContents.of(target).eventCount()).isEqualTo(6 * 200);
            String logged = Files.readString(log);
            long waits = logged.lines().filter(l -> l.contains("is unavailable")).count();
            assertThat(waits).as(logged).isBetween(1L, 3L);
            assertThat(logged).contains("works again after").contains("stopped COMPLETED");
        }
    }
}
