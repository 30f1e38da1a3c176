package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.PreparedEvents;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The target saves batches while the migration collects and prepares the next, two at once (two lanes take the
 * sessions in turn, whichever is free), without losing track of any or changing a session's save order.
 */
class SaveBehindTest {

    @TempDir
    Path tmp;

    /** Holds its first save until the next batch has been prepared, and says whether that happened. */
    static final class FirstSaveWaitsForTheNextPrepare extends RecordingStore {
        final CountDownLatch secondPrepared = new CountDownLatch(1);
        final AtomicInteger prepares = new AtomicInteger();
        final AtomicInteger saves = new AtomicInteger();
        volatile boolean preparedWhileSaving;

        FirstSaveWaitsForTheNextPrepare(MonitorStore real) {
            super(real);
        }

        @Override
        public PreparedEvents prepareEvents(List<MonitorEvent> events) {
            if (prepares.incrementAndGet() == 2) {
                secondPrepared.countDown();
            }
            return super.prepareEvents(events);
        }

        @Override
        public int saveEvents(List<MonitorEvent> events) {
            if (saves.incrementAndGet() == 1) {
                try {
                    preparedWhileSaving = secondPrepared.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.saveEvents(events);
        }
    }

    /** Takes a while over each of its first saves, and says how many it was ever making at once. */
    static final class SlowSaves extends RecordingStore {
        final AtomicInteger saves = new AtomicInteger();
        final AtomicInteger saving = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        SlowSaves(MonitorStore real) {
            super(real);
        }

        @Override
        public int saveEvents(List<MonitorEvent> events) {
            mostAtOnce.accumulateAndGet(saving.incrementAndGet(), Math::max);
            try {
                if (saves.incrementAndGet() <= 40) {
                    pause(20);
                }
                return super.saveEvents(events);
            } finally {
                saving.decrementAndGet();
            }
        }
    }

    /** Fails, not as an outage, the save of the batch holding one given event. */
    static final class FailsAtOneEvent extends RecordingStore {
        final MonitorEvent failing;

        FailsAtOneEvent(MonitorStore real, MonitorEvent failing) {
            super(real);
            this.failing = failing;
        }

        @Override
        public int saveEvents(List<MonitorEvent> events) {
            if (events.stream().anyMatch(e -> e.id().equals(failing.id())
                    && e.sessionId().equals(failing.sessionId()))) {
                throw new IllegalStateException("the target's disk is full (test)");
            }
            return super.saveEvents(events);
        }
    }

    /** Takes a while over each batch of one session. */
    static final class OneSlowSession extends RecordingStore {
        final String slow;

        OneSlowSession(MonitorStore real, String slow) {
            super(real);
            this.slow = slow;
        }

        @Override
        public int saveEvents(List<MonitorEvent> events) {
            if (events.get(0).sessionId().equals(slow)) {
                pause(100);
            }
            return super.saveEvents(events);
        }
    }

    private MonitorStore openTarget() {
        return StoreOpener.at(tmp.resolve("target")).open(ReadProblemListener.NONE);
    }

    @Test
    void theNextBatchIsPreparedWhileTheTargetSavesTheOneBefore() {
        Path source = tmp.resolve("source");
        GeneratedStores.write(source, GeneratedStores.quick(31));
        FirstSaveWaitsForTheNextPrepare target = new FirstSaveWaitsForTheNextPrepare(openTarget());

        MigrationSummary summary = new Migrator(MigrationOptions.defaults().withBatchEvents(8)
                .withRejectsDir(tmp.resolve("rejects"))).migrate(StoreOpener.at(source), StoreOpener.of("held", target));

        assertThat(target.preparedWhileSaving).as("the second batch was prepared while the first was being saved")
                .isTrue();
        assertThat(summary.outcome()).as(summary.describe()).isEqualTo(Outcome.COMPLETED);
        assertThat(StoreContents.of(tmp.resolve("target")).events()).isEqualTo(StoreContents.of(source).events());
    }

    @Test
    void twoBatchesAreSavedAtOnceAndEverySessionKeepsItsSaveOrder() {
        Path source = tmp.resolve("source");
        GeneratedStores.write(source, GeneratedStores.quick(33));
        SlowSaves target = new SlowSaves(openTarget());

        MigrationSummary summary = new Migrator(MigrationOptions.defaults().withBatchEvents(5)
                .withRejectsDir(tmp.resolve("rejects"))).migrate(StoreOpener.at(source), StoreOpener.of("held", target));

        assertThat(summary.outcome()).as(summary.describe()).isEqualTo(Outcome.COMPLETED);
        assertThat(target.mostAtOnce.get()).as("batches saved at the same time").isEqualTo(2);
        assertThat(inSaveOrder(eventsBySession(tmp.resolve("target"))))
                .isEqualTo(inSaveOrder(eventsBySession(source)));
    }

    @Test
    void aLongSessionKeepsOneLaneWhileTheOtherGoesThroughTheShortOnes() {
        Path source = tmp.resolve("source");
        try (MonitorStore store = StoreOpener.at(source).open(ReadProblemListener.NONE)) {
            for (String id : List.of("a-long", "b1", "b2", "b3", "b4", "b5", "b6")) {
                store.saveSession(SyncFiles.session(id, 1));
                for (int i = 0; i < (id.equals("a-long") ? 40 : 3); i++) {
                    store.saveEvent(SyncFiles.event(id, id + "-" + i, i));
                }
            }
        }
        // the long session is taken first
        RecordingStore sorted = new RecordingStore(StoreOpener.at(source).open(ReadProblemListener.NONE)) {
            @Override
            public Stream<String> streamEventSessionIds() {
                return real.streamEventSessionIds().sorted();
            }
        };
        OneSlowSession target = new OneSlowSession(openTarget(), "a-long");

        MigrationSummary summary = new Migrator(MigrationOptions.defaults().withBatchEvents(5)
                .withRejectsDir(tmp.resolve("rejects"))).migrate(StoreOpener.of("sorted", sorted),
                StoreOpener.of("held", target));

        assertThat(summary.outcome()).as(summary.describe()).isEqualTo(Outcome.COMPLETED);
        // the batches in the order their saves ended: the long session's take 100 ms each, eight of them
        int longBatchesBefore = 0;
        int longBatchesBeforeTheLastShortOne = -1;
        for (List<MonitorEvent> batch : List.copyOf(target.batches)) {
            if (batch.stream().allMatch(e -> e.sessionId().equals("a-long"))) {
                longBatchesBefore++;
            } else {
                longBatchesBeforeTheLastShortOne = longBatchesBefore;
            }
        }
        assertThat(longBatchesBefore).isEqualTo(8);
        assertThat(longBatchesBeforeTheLastShortOne).as("batches of the long session saved before the short sessions"
                + " were all saved").isBetween(0, 3);
        assertThat(StoreContents.of(tmp.resolve("target")).events()).isEqualTo(StoreContents.of(source).events());
    }

    @Test
    void aSessionEntersTheCheckpointOnlyOnceItsLastBatchIsSaved() throws IOException {
        Path source = tmp.resolve("source");
        GeneratedStores.write(source, GeneratedStores.quick(32));
        List<List<MonitorEvent>> sessions = eventsBySession(source);
        MonitorEvent lastOfSecond = sessions.get(1).get(sessions.get(1).size() - 1);
        // the second session goes through the second lane, whose first batch holds it and events of the fourth: that
        // batch fails while the first lane goes on saving the first and third sessions
        int firstBatch = sessions.get(1).size() + 1;
        Path checkpoint = tmp.resolve("checkpoint.jsonl");
        MigrationOptions options = MigrationOptions.defaults().withBatchEvents(firstBatch)
                .withRejectsDir(tmp.resolve("rejects")).withCheckpointFile(checkpoint);

        MigrationSummary failed = new Migrator(options).migrate(StoreOpener.at(source),
                StoreOpener.of("target", new FailsAtOneEvent(openTarget(), lastOfSecond)));

        assertThat(failed.outcome()).as(failed.describe()).isEqualTo(Outcome.FAILED);
        List<String> completed = completedSessions(checkpoint);
        assertThat(completed).as("a session whose batch failed is not in the checkpoint")
                .doesNotContain(lastOfSecond.sessionId());
        Map<String, List<String>> stored = inSaveOrder(eventsBySession(tmp.resolve("target")));
        Map<String, List<String>> expected = inSaveOrder(sessions);
        for (String id : completed) {
            assertThat(stored.getOrDefault(id, List.of())).as("session %s is in the checkpoint", id)
                    .isEqualTo(expected.getOrDefault(id, List.of()));
        }

        MigrationSummary resumed = new Migrator(options).migrate(StoreOpener.at(source),
                StoreOpener.of("target", openTarget()));

        assertThat(resumed.outcome()).as(resumed.describe()).isEqualTo(Outcome.COMPLETED);
        assertThat(StoreContents.of(tmp.resolve("target")).events()).isEqualTo(StoreContents.of(source).events());
    }

    /** Each session's event ids in save order, by session. */
    private static Map<String, List<String>> inSaveOrder(List<List<MonitorEvent>> sessions) {
        Map<String, List<String>> out = new TreeMap<>();
        sessions.stream().filter(events -> !events.isEmpty()).forEach(events -> out.put(events.get(0).sessionId(),
                events.stream().map(MonitorEvent::id).toList()));
        return out;
    }

    /** Each session's events, in the order the migration reads them. */
    private static List<List<MonitorEvent>> eventsBySession(Path source) {
        List<List<MonitorEvent>> out = new ArrayList<>();
        try (MonitorStore store = StoreOpener.at(source).open(ReadProblemListener.NONE);
             Stream<String> ids = store.streamEventSessionIds()) {
            for (String id : ids.toList()) {
                try (Stream<MonitorEvent> events = store.streamEventsInSaveOrder(id)) {
                    out.add(events.toList());
                }
            }
        }
        return out;
    }

    private static List<String> completedSessions(Path checkpoint) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(checkpoint)) {
            JsonNode n = MonitorJson.parse(line);
            if (n.path("session").isTextual()) {
                out.add(n.get("session").textValue());
            }
        }
        return out;
    }
}
