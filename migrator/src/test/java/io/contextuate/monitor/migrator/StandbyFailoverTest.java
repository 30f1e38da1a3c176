package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.conformance.UpstreamDataset;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.RetryPolicy;
import io.contextuate.monitor.spi.json.MonitorJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration into a PostgreSQL primary with a streaming standby, configured with {@code database.hosts} listing
 * both: mid-run the primary dies and the standby is promoted. The run completes, or stops resumably and a rerun
 * completes, and the new primary holds exactly the source: every event once, JSON-equal. Likewise a
 * {@code sync --follow} beside a live upstream-like writer: it waits through the failover and catches up.
 */
class StandbyFailoverTest {

    private int primaryPort;
    private int standbyPort;

    @TempDir
    Path tmp;

    @Test
    void aMigrationSurvivesThePrimaryDyingAndTheStandbyTakingOver() throws Exception {
        Path source = tmp.resolve("source");
        UpstreamDataset data = GeneratedStores.write(source,
                GeneratedStores.quick(61).withSessions(40).withEventsPerSession(500).withLargePayloads(0, 0));
        long total = data.distinctEvents().size();
        try (LocalPostgresClusters clusters = new LocalPostgresClusters()) {
            Path config = primaryWithStandby(clusters);

            CountDownLatch third = new CountDownLatch(1);
            MigrationListener listener = new MigrationListener() {
                @Override
                public void progressed(MigrationProgress p) {
                    if (p.phase() == MigrationProgress.Phase.EVENTS && p.eventsDone() >= total / 3) {
                        third.countDown();
                    }
                }
            };
            MigrationOptions options = MigrationOptions.defaults().withRejectsDir(tmp.resolve("rejects"))
                    .withBatchEvents(200).withRetry(RetryPolicy.within(Duration.ofSeconds(30))
                            .withDelays(Duration.ofMillis(250), Duration.ofSeconds(3)));
            CompletableFuture<MigrationSummary> run = CompletableFuture.supplyAsync(
                    () -> new Migrator(options, listener).migrate(source, config));

            assertThat(third.await(120, TimeUnit.SECONDS)).as("the run reached a third of the events").isTrue();
            clusters.stopImmediately("p");
            clusters.promote("s");
            MigrationSummary first = run.get(300, TimeUnit.SECONDS);

            assertThat(LocalPostgresClusters.inRecovery(standbyPort)).as("the standby is the primary now").isFalse();
            assertThat(first.outcome()).as(first.describe())
                    .isIn(Outcome.COMPLETED, Outcome.STOPPED_TARGET_UNAVAILABLE);
            MigrationSummary last = first.outcome() == Outcome.COMPLETED ? first
                    : new Migrator(options).migrate(source, config);
            assertThat(last.outcome()).as(last.describe()).isEqualTo(Outcome.COMPLETED);
            StoreContents before = StoreContents.of(source);
            StoreContents after = StoreContents.of(config);
            assertThat(after.events()).isEqualTo(before.events());
            // every session record arrives equal (the target also holds sessions rebuilt from meta-less event files)
            before.sessions().forEach((id, record) -> assertThat(after.sessions().get(id)).as(id).isEqualTo(record));
            try (MonitorStore target = StoreOpener.at(config).open(ReadProblemListener.NONE)) {
                assertThat(target.stats().events()).as("no event twice").isEqualTo(total);
            }
        }
    }

    @Test
    void syncFollowingAUpstreamWriterSurvivesThePrimaryDyingAndTheStandbyTakingOver() throws Exception {
        Path source = tmp.resolve("source");
        Files.createDirectories(source.resolve("sessions"));
        try (LocalPostgresClusters clusters = new LocalPostgresClusters()) {
            Path config = primaryWithStandby(clusters);
            assertThat(StoreContents.of(config).sessions()).isEmpty(); // the schema exists before following

            Sync sync = new Sync(SyncOptions.defaults().withStateDir(tmp.resolve("state")));
            CompletableFuture<SyncSummary> following = CompletableFuture.supplyAsync(
                    () -> sync.follow(java.util.List.of(source), config));
            Process writer = UpstreamWriter.start(source, "f", 10, 150, 100, tmp.resolve("writer.log")); // ~15 s
            try {
                long stored = 0;
                for (int i = 0; i < 300 && stored < 300; i++) {
                    Thread.sleep(100);
                    stored = StoreContents.of(config).eventCount();
                }
                assertThat(stored).as("events carried before the failover").isGreaterThanOrEqualTo(300);
                clusters.stopImmediately("p"); // the writer goes on; the sync waits for a primary
                clusters.promote("s");
                UpstreamWriter.awaitExit(writer);
                Containment.await(source, config, Duration.ofSeconds(120));
            } finally {
                writer.destroyForcibly();
                sync.stop();
            }
            SyncSummary summary = following.get(60, TimeUnit.SECONDS);

            assertThat(summary.exitCode()).as(summary.describe()).isZero();
            assertThat(LocalPostgresClusters.inRecovery(standbyPort)).as("the standby is the primary now").isFalse();
            assertThat(Containment.problems(StoreContents.of(source), StoreContents.of(config))).isEmpty();
            try (MonitorStore target = StoreOpener.at(config).open(ReadProblemListener.NONE)) {
                assertThat(target.stats().events()).as("every line once").isEqualTo(10 * 150);
            }
        }
    }

    /** A primary "p" holding the database "failover", a streaming standby "s", and a store config listing both. */
    private Path primaryWithStandby(LocalPostgresClusters clusters) throws Exception {
        primaryPort = LocalPostgresClusters.freePort();
        standbyPort = LocalPostgresClusters.freePort();
        clusters.primary("p", primaryPort);
        try (Connection c = LocalPostgresClusters.connect(primaryPort, "postgres");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE failover");
        }
        clusters.standby("s", standbyPort, primaryPort);
        return config(tmp.resolve("config"));
    }

    private Path config(Path dir) throws Exception {
        ObjectNode root = MonitorJson.newObject();
        ObjectNode persistence = root.putObject("persistence");
        persistence.put("enabled", true);
        persistence.put("type", "postgresql");
        ObjectNode db = persistence.putObject("database");
        db.putArray("hosts").add("127.0.0.1:" + primaryPort).add("127.0.0.1:" + standbyPort);
        db.put("database", "failover");
        db.put("user", "postgres");
        db.put("connectTimeout", "3s");
        db.putObject("pool").put("maximumPoolSize", 4).put("connectionTimeout", "5s");
        Files.createDirectories(dir);
        Path file = dir.resolve("failover.json");
        Files.write(file, MonitorJson.toUpstreamPretty(root));
        return file;
    }
}
