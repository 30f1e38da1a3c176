package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.contextuate.monitor.migrator.SyncFiles.event;
import static io.contextuate.monitor.migrator.SyncFiles.session;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sync --follow} beside a real upstream-like writer (a Node process appending with {@code fs.appendFileSync}
 * and rewriting meta.json in place), into PostgreSQL.
 */
class SyncFollowTest {

    @TempDir
    Path tmp;

    private static String line(MonitorEvent e) {
        return new String(MonitorJson.toLine(e), StandardCharsets.UTF_8) + "\n";
    }

    private static long count(Path store, String session) {
        try (MonitorStore s = StoreOpener.at(store).open(ReadProblemListener.NONE);
             Stream<MonitorEvent> events = s.streamEvents(session)) {
            return events.count();
        }
    }

    private static void awaitCount(Path store, String session, long n) throws InterruptedException {
        for (int i = 0; i < 200 && count(store, session) < n; i++) {
            Thread.sleep(100);
        }
        assertThat(count(store, session)).as("events of " + session).isEqualTo(n);
    }

    @Test
    void followingCarriesEveryChangeOfALiveWriterIntoPostgresqlExactlyOnce() throws Exception {
        Path source = tmp.resolve("source");
        Files.createDirectories(source.resolve("sessions"));
        try (ScratchDatabase db = ScratchDatabase.create(ScratchDatabase.Kind.POSTGRESQL)) {
            Path target = db.writeConfig(tmp);
            Sync sync = new Sync(SyncOptions.defaults().withStateDir(tmp.resolve("state"))
                    .withPartialLineTimeout(Duration.ofMinutes(5)));
            CompletableFuture<SyncSummary> following = CompletableFuture.supplyAsync(
                    () -> sync.follow(List.of(source), target));
            try {
                Process writer = UpstreamWriter.start(source, "w", 8, 40, 25, tmp.resolve("writer.log"));

                // a session that upstream deletes: the target keeps it
                Path doomed = SyncFiles.dir(source, "doomed");
                UpstreamWriter.writeInPlace(doomed.resolve("meta.json"),
                        new String(MonitorJson.toMetaJson(session("doomed", 1)), StandardCharsets.UTF_8));
                UpstreamWriter.append(doomed.resolve("events.jsonl"), line(event("doomed", "d1", 1)));
                awaitCount(target, "doomed", 1);
                try (Stream<Path> all = Files.walk(doomed)) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }

                // an events file truncated and written again, longer
                Path rewritten = SyncFiles.dir(source, "rewritten");
                UpstreamWriter.writeInPlace(rewritten.resolve("meta.json"),
                        new String(MonitorJson.toMetaJson(session("rewritten", 1)), StandardCharsets.UTF_8));
                UpstreamWriter.append(rewritten.resolve("events.jsonl"),
                        line(event("rewritten", "r1", 1)) + line(event("rewritten", "r2", 2)));
                awaitCount(target, "rewritten", 2);
                UpstreamWriter.writeInPlace(rewritten.resolve("events.jsonl"), line(event("rewritten", "r1", 1))
                        + line(event("rewritten", "r3", 3)) + line(event("rewritten", "r4", 4)));
                awaitCount(target, "rewritten", 4);

                // a line cut short and completed later
                Path cut = SyncFiles.dir(source, "cut");
                String whole = line(event("cut", "c1", 1));
                UpstreamWriter.append(cut.resolve("events.jsonl"), whole.substring(0, 30));
                Thread.sleep(1500);
                assertThat(count(target, "cut")).isZero();
                UpstreamWriter.append(cut.resolve("events.jsonl"), whole.substring(30));
                awaitCount(target, "cut", 1);

                UpstreamWriter.awaitExit(writer);
                Containment.await(source, target, Duration.ofSeconds(60));
            } finally {
                sync.stop();
            }
            SyncSummary summary = following.get(60, TimeUnit.SECONDS);

            assertThat(summary.exitCode()).isZero();
            assertThat(count(target, "doomed")).isEqualTo(1);
            assertThat(count(target, "rewritten")).isEqualTo(4);
            for (int s = 0; s < 8; s++) {
                assertThat(count(target, "w" + s)).isEqualTo(40);
            }
            assertThat(summary.sources().get(0).rejected()).isZero();
            assertThat(Containment.problems(StoreContents.of(source), StoreContents.of(target))).isEmpty();
        }
    }

    @Test
    void aPassThatFailsOtherThanByAnOutageIsTriedAgainUntilItWorks() throws Exception {
        Path source = tmp.resolve("source");
        Files.createDirectories(source.resolve("sessions"));
        try (ScratchDatabase db = ScratchDatabase.create(ScratchDatabase.Kind.POSTGRESQL)) {
            Path target = db.writeConfig(tmp);
            SyncFiles.writeMeta(source, session("s", 1));
            SyncFiles.append(source, event("s", "e1", 1));
            Sync sync = new Sync(SyncOptions.defaults().withStateDir(tmp.resolve("state")));
            CompletableFuture<SyncSummary> following = CompletableFuture.supplyAsync(
                    () -> sync.follow(List.of(source), target));
            try {
                awaitCount(target, "s", 1);
                // the server is up but refuses every write of events: not an outage, so no store waits for it
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("ALTER TABLE events RENAME TO events_away");
                }
                SyncFiles.append(source, event("s", "e2", 2));
                Thread.sleep(2500); // at least one failed pass and one wait
                assertThat(following).isNotDone();
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("ALTER TABLE events_away RENAME TO events");
                }
                awaitCount(target, "s", 2);
            } finally {
                sync.stop();
            }
            SyncSummary summary = following.get(60, TimeUnit.SECONDS);
            assertThat(summary.exitCode()).isZero();
            assertThat(summary.sources().get(0).rejected()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(ScratchDatabase.Kind.class)
    void twoMachinesSyncProcessesFollowIntoOneDatabaseAtOnce(ScratchDatabase.Kind kind) throws Exception {
        Path a = tmp.resolve("machine-a");
        Path b = tmp.resolve("machine-b");
        Files.createDirectories(a.resolve("sessions"));
        Files.createDirectories(b.resolve("sessions"));
        try (ScratchDatabase db = ScratchDatabase.create(kind)) {
            Path target = db.writeConfig(tmp);
            // the team database exists before the machines sync into it (two processes creating a fresh schema at
            // the same moment is the backends' own concern)
            assertThat(StoreContents.of(target).sessions()).isEmpty();
            Path log = tmp.resolve("sync.log");
            Process syncA = SyncChildProcess.start(log, tmp.resolve("state-a").toString(), target.toString(),
                    a.toString());
            Process syncB = SyncChildProcess.start(log, tmp.resolve("state-b").toString(), target.toString(),
                    b.toString());
            try {
                Process writerA = UpstreamWriter.start(a, "a", 5, 60, 10, tmp.resolve("writer-a.log"));
                Process writerB = UpstreamWriter.start(b, "b", 5, 60, 10, tmp.resolve("writer-b.log"));
                UpstreamWriter.awaitExit(writerA);
                UpstreamWriter.awaitExit(writerB);
                try {
                    Containment.await(a, target, Duration.ofSeconds(90));
                    Containment.await(b, target, Duration.ofSeconds(90));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; the syncs logged:\n" + Files.readString(log), e);
                }
            } finally {
                syncA.destroy();
                syncB.destroy();
                assertThat(syncA.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(syncB.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            StoreContents all = StoreContents.of(target);
            assertThat(all.sessions()).hasSize(10);
            assertThat(all.eventCount()).isEqualTo(600);
            assertThat(Files.readString(log)).contains("stopped COMPLETED").doesNotContain("Exception");
        }
    }
}
