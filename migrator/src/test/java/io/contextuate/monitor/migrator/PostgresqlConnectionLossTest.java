package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.RetryPolicy;
import io.contextuate.monitor.conformance.UpstreamDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The target's connections are cut (pg_terminate_backend, as a server restart does) in the middle of a migration:
 * the run retries and completes, or stops resumably and a rerun completes; nothing is lost or doubled.
 */
class PostgresqlConnectionLossTest {

    @TempDir
    Path tmp;

    @Test
    void cuttingTheTargetsConnectionsMidRunLosesNothing() throws Exception {
        Path source = tmp.resolve("source");
        UpstreamDataset data = GeneratedStores.write(source,
                GeneratedStores.quick(51).withSessions(30).withEventsPerSession(200).withLargePayloads(0, 0));
        long total = data.distinctEvents().size();
        try (ScratchDatabase db = ScratchDatabase.create(ScratchDatabase.Kind.POSTGRESQL)) {
            Path config = db.writeConfig(tmp.resolve("config"));
            CountDownLatch third = new CountDownLatch(1);
            AtomicInteger retries = new AtomicInteger();
            MigrationListener listener = new MigrationListener() {
                @Override
                public void progressed(MigrationProgress p) {
                    if (p.phase() == MigrationProgress.Phase.EVENTS && p.eventsDone() >= total / 3) {
                        third.countDown();
                    }
                }

                @Override
                public void retrying(RetryPolicy.Wait wait) {
                    retries.incrementAndGet();
                }
            };
            MigrationOptions options = MigrationOptions.defaults().withRejectsDir(tmp.resolve("rejects"))
                    .withBatchEvents(20).withRetry(RetryPolicy.within(Duration.ofSeconds(20))
                            .withDelays(Duration.ofMillis(200), Duration.ofSeconds(2)));
            CompletableFuture<MigrationSummary> run = CompletableFuture.supplyAsync(
                    () -> new Migrator(options, listener).migrate(source, config));

            assertThat(third.await(60, TimeUnit.SECONDS)).as("the run reached a third of the events").isTrue();
            int terminated = 0;
            for (int i = 0; i < 3; i++) {
                terminated += terminateConnections(db);
                Thread.sleep(50);
            }
            MigrationSummary first = run.get(120, TimeUnit.SECONDS);

            assertThat(terminated).as("connections cut").isPositive();
            assertThat(first.outcome()).as(first.describe())
                    .isIn(Outcome.COMPLETED, Outcome.STOPPED_TARGET_UNAVAILABLE);
            MigrationSummary last = first.outcome() == Outcome.COMPLETED ? first
                    : new Migrator(options).migrate(source, config);
            assertThat(last.outcome()).as(last.describe()).isEqualTo(Outcome.COMPLETED);
            assertThat(StoreContents.of(config).events()).isEqualTo(StoreContents.of(source).events());
            try (MonitorStore target = StoreOpener.at(config).open(ReadProblemListener.NONE)) {
                assertThat(target.stats().events()).isEqualTo(total);
            }
        }
    }

    private static int terminateConnections(ScratchDatabase db) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT count(pg_terminate_backend(pid))"
                + " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            s.setString(1, db.name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
