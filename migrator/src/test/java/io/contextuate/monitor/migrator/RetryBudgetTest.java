package io.contextuate.monitor.migrator;

import io.contextuate.monitor.conformance.UpstreamDataset;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.RetryPolicy;
import io.contextuate.monitor.spi.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An unreachable target holds a run for the retry budget (plus at most one try, whose pool timeout counts), then the
 * run stops resumably: against a port nothing listens on, and against a PostgreSQL server killed with SIGKILL in the
 * middle of a run (a cluster of the test's own).
 */
class RetryBudgetTest {

    /** The pool timeout the configurations set: the longest one try can take. */
    private static final Duration ONE_TRY = Duration.ofSeconds(2);
    /** Scheduling and JVM slack on a shared 2-core machine. */
    private static final Duration SLACK = Duration.ofSeconds(4);

    @TempDir
    Path tmp;

    @Test
    void aTargetNobodyListensOnIsWaitedForWithinTheBudgetThenReported() throws Exception {
        Path source = tmp.resolve("source");
        GeneratedStores.write(source, GeneratedStores.quick(61).withSessions(3));
        Path config = OwnPostgresCluster.config(tmp.resolve("config"), "nobody",
                "jdbc:postgresql://127.0.0.1:" + OwnPostgresCluster.freePort() + "/nothing");
        Duration budget = Duration.ofSeconds(6);
        AtomicInteger waits = new AtomicInteger();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void retrying(RetryPolicy.Wait wait) {
                waits.incrementAndGet();
            }
        };
        MigrationOptions options = MigrationOptions.defaults().withRejectsDir(tmp.resolve("rejects"))
                .withRetry(RetryPolicy.within(budget));

        long start = System.nanoTime();
        assertThatThrownBy(() -> new Migrator(options, listener).migrate(source, config))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("stayed unavailable").hasMessageContaining("retry budget is 6.0 s");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        System.out.printf("unreachable port: gave up after %d ms, %d waits (budget %d s)%n", took.toMillis(),
                waits.get(), budget.toSeconds());
        assertThat(waits.get()).as("tries before giving up").isGreaterThan(1);
        assertThat(took).isLessThan(budget.plus(ONE_TRY).plus(SLACK)).isGreaterThan(budget.dividedBy(2));
    }

    @Test
    void aTargetKilledMidRunStopsTheRunWithinTheBudgetAndTheCheckpointResumesIt() throws Exception {
        Path source = tmp.resolve("source");
        UpstreamDataset data = GeneratedStores.write(source,
                GeneratedStores.quick(62).withSessions(30).withEventsPerSession(200).withLargePayloads(0, 0));
        long total = data.distinctEvents().size();
        Duration budget = Duration.ofSeconds(8);
        try (OwnPostgresCluster cluster = OwnPostgresCluster.start()) {
            Path config = cluster.database(tmp.resolve("config"), "budget_target");
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
                    .withBatchEvents(20).withRetry(RetryPolicy.within(budget));
            CompletableFuture<MigrationSummary> run = CompletableFuture.supplyAsync(
                    () -> new Migrator(options, listener).migrate(source, config));
            assertThat(third.await(120, TimeUnit.SECONDS)).as("the run reached a third of the events").isTrue();

            cluster.kill();
            long killed = System.nanoTime();
            MigrationSummary stopped = run.get(5, TimeUnit.MINUTES);
            Duration held = Duration.ofNanos(System.nanoTime() - killed);

            System.out.printf("server killed mid-run: the run stopped %d ms later (budget %d s)%n", held.toMillis(),
                    budget.toSeconds());
            assertThat(stopped.outcome()).as(stopped.describe()).isEqualTo(Outcome.STOPPED_TARGET_UNAVAILABLE);
            assertThat(stopped.exitCode()).isEqualTo(1);
            assertThat(stopped.message()).contains("retry budget", stopped.checkpointFile().toString());
            assertThat(held).isLessThan(budget.plus(ONE_TRY).plus(SLACK));

            cluster.restart();
            MigrationSummary rerun = new Migrator(options).migrate(source, config);

            assertThat(rerun.outcome()).as(rerun.describe()).isEqualTo(Outcome.COMPLETED);
            assertThat(rerun.resumedSessions()).as("sessions the checkpoint skipped").isPositive();
            assertThat(StoreContents.of(config).events()).isEqualTo(StoreContents.of(source).events());
            try (MonitorStore target = StoreOpener.at(config).open(ReadProblemListener.NONE)) {
                assertThat(target.stats().events()).isEqualTo(total);
            }
        }
    }
}
