package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.RetryPolicy;
import io.contextuate.monitor.spi.StoreUnavailableException;
import io.contextuate.monitor.conformance.UpstreamDataset;
import io.contextuate.monitor.conformance.UpstreamEvent;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the migration does when the target refuses records or cannot be reached. */
class TargetTroubleTest {

    private static final RetryPolicy QUICK_RETRY = RetryPolicy.within(Duration.ofMillis(200))
            .withDelays(Duration.ofMillis(10), Duration.ofMillis(20));

    @TempDir
    Path tmp;

    /** Refuses every batch holding one of the given event ids, as a SQL target refuses a value it cannot keep. */
    static final class RefusingStore extends RecordingStore {
        final Set<String> refused;
        final boolean namesTheRecord;

        RefusingStore(MonitorStore real, Set<String> refused, boolean namesTheRecord) {
            super(real);
            this.refused = refused;
            this.namesTheRecord = namesTheRecord;
        }

        @Override
        public int saveEvents(List<MonitorEvent> events) {
            for (MonitorEvent e : events) {
                if (refused.contains(e.id())) {
                    throw new InvalidRecordException(namesTheRecord ? e.id() : null, "data", "too large for the test");
                }
            }
            return super.saveEvents(events);
        }
    }

    /** Unavailable for the calls to saveEvents numbered in [from, to) (0-based), available otherwise. */
    static final class FlakyStore extends RecordingStore {
        final AtomicInteger calls = new AtomicInteger();
        final int from;
        final int to;

        FlakyStore(MonitorStore real, int from, int to) {
            super(real);
            this.from = from;
            this.to = to;
        }

        @Override
        public int saveEvents(List<MonitorEvent> events) {
            int n = calls.getAndIncrement();
            if (n >= from && n < to) {
                throw new StoreUnavailableException("connection refused (test)");
            }
            return super.saveEvents(events);
        }
    }

    private MigrationOptions options() {
        return MigrationOptions.defaults().withRejectsDir(tmp.resolve("rejects")).withBatchEvents(16)
                .withRetry(QUICK_RETRY);
    }

    private MonitorStore target() {
        return StoreOpener.at(tmp.resolve("target")).open(ReadProblemListener.NONE);
    }

    @Test
    void aRefusedBatchIsSplitUntilOnlyTheRefusedEventsAreLeftOut() throws IOException {
        for (boolean named : new boolean[] {true, false}) {
            Path source = tmp.resolve("source-" + named);
            UpstreamDataset data = GeneratedStores.write(source, GeneratedStores.quick(11));
            Set<String> bad = pick(data, 3);
            RefusingStore refusing = new RefusingStore(
                    StoreOpener.at(tmp.resolve("target-" + named)).open(ReadProblemListener.NONE), bad, named);
            MigrationOptions options = options().withRejectsDir(tmp.resolve("rejects-" + named));

            MigrationSummary summary = new Migrator(options).migrate(StoreOpener.at(source),
                    StoreOpener.of("refusing", refusing));

            assertThat(summary.outcome()).as(summary.describe()).isEqualTo(Outcome.COMPLETED_WITH_REJECTS);
            assertThat(summary.events().rejected()).isEqualTo(3);
            assertThat(summary.verification().equal()).as(summary.verification().describe()).isTrue();
            assertThat(summary.verification().refused()).isEqualTo(3);
            StoreContents source1 = StoreContents.of(source);
            StoreContents target1 = StoreContents.of(tmp.resolve("target-" + named));
            assertThat(target1.eventCount()).isEqualTo(source1.eventCount() - 3);
            List<JsonNode> rejects = RejectFiles.read(tmp.resolve("rejects-" + named));
            assertThat(rejects).extracting(r -> r.path("recordId").asText()).containsExactlyInAnyOrderElementsOf(bad);
            assertThat(rejects).allSatisfy(r -> assertThat(r.path("reason").asText()).contains("too large"));
        }
    }

    @Test
    void theRejectLimitStopsTheRunAndARerunFinishesIt() {
        Path source = tmp.resolve("source");
        UpstreamDataset data = GeneratedStores.write(source, GeneratedStores.quick(12));
        Set<String> bad = pick(data, 4);

        MigrationSummary stopped = new Migrator(options().withMaxRejects(2)).migrate(StoreOpener.at(source),
                StoreOpener.of("refusing", new RefusingStore(target(), bad, true)));

        assertThat(stopped.outcome()).as(stopped.describe()).isEqualTo(Outcome.STOPPED_AT_REJECT_LIMIT);
        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(stopped.rejected()).isEqualTo(2);
        assertThat(stopped.message()).contains(stopped.checkpointFile().toString());

        MigrationSummary rerun = new Migrator(options()).migrate(StoreOpener.at(source),
                StoreOpener.of("refusing", new RefusingStore(target(), bad, true)));

        assertThat(rerun.outcome()).as(rerun.describe()).isEqualTo(Outcome.COMPLETED_WITH_REJECTS);
        assertThat(StoreContents.of(tmp.resolve("target")).eventCount())
                .isEqualTo(StoreContents.of(source).eventCount() - bad.size());
    }

    @Test
    void aTargetUnavailableForAMomentIsRetriedAndNothingIsLost() {
        Path source = tmp.resolve("source");
        GeneratedStores.write(source, GeneratedStores.quick(13));
        List<Integer> retries = new ArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void retrying(RetryPolicy.Wait wait) {
                retries.add(wait.failures());
            }
        };

        MigrationSummary summary = new Migrator(options(), listener).migrate(StoreOpener.at(source),
                StoreOpener.of("flaky", new FlakyStore(target(), 2, 4)));

        assertThat(summary.outcome()).as(summary.describe()).isEqualTo(Outcome.COMPLETED);
        // two failed saves, each waited for once: one save failing twice, or each lane's failing once
        assertThat(retries).hasSize(2).isSubsetOf(1, 2);
        assertThat(StoreContents.of(tmp.resolve("target")).events()).isEqualTo(StoreContents.of(source).events());
    }

    @Test
    void aTargetThatStaysUnavailableStopsTheRunResumably() {
        Path source = tmp.resolve("source");
        GeneratedStores.write(source, GeneratedStores.quick(14));

        MigrationSummary stopped = new Migrator(options()).migrate(StoreOpener.at(source),
                StoreOpener.of(StoreOpener.at(tmp.resolve("target")).name(),
                        new FlakyStore(target(), 5, Integer.MAX_VALUE)));

        assertThat(stopped.outcome()).as(stopped.describe()).isEqualTo(Outcome.STOPPED_TARGET_UNAVAILABLE);
        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(stopped.message()).contains("unavailable", "retry budget", stopped.checkpointFile().toString());

        MigrationSummary rerun = new Migrator(options()).migrate(source, tmp.resolve("target"));

        assertThat(rerun.outcome()).as(rerun.describe()).isEqualTo(Outcome.COMPLETED);
        assertThat(rerun.resumedSessions()).isPositive();
        assertThat(StoreContents.of(tmp.resolve("target")).events()).isEqualTo(StoreContents.of(source).events());
    }

    /** Event ids from different sessions, spread over the dataset. */
    private static Set<String> pick(UpstreamDataset data, int n) {
        List<UpstreamEvent> all = data.distinctEvents();
        return Stream.iterate(all.size() / (n + 1), i -> i + all.size() / (n + 1)).limit(n)
                .map(i -> all.get(i).id()).collect(Collectors.toSet());
    }
}
