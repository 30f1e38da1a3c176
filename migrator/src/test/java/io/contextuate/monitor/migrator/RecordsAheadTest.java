package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session records are copied on a thread of their own, ahead of the events: each session's record reaches the
 * target before any of its events, yet the events do not wait for every record to be copied first.
 */
class RecordsAheadTest {

    @TempDir
    Path tmp;

    /** Takes a while over each session record, and logs every write in the order it reached the real store. */
    static final class SlowRecords extends RecordingStore {
        final List<String> writes = Collections.synchronizedList(new ArrayList<>());

        SlowRecords(MonitorStore real) {
            super(real);
        }

        @Override
        public void saveSession(SessionMeta session) {
            pause(40);
            super.saveSession(session);
            writes.add("record " + session.sessionId());
        }

        @Override
        public int saveEvents(List<MonitorEvent> events) {
            events.stream().map(MonitorEvent::sessionId).distinct().forEach(id -> writes.add("events " + id));
            return super.saveEvents(events);
        }
    }

    /** The ids of the session records in the source the last {@link #migrate} wrote. */
    private Set<String> sourceRecords;

    private SlowRecords migrate(long seed) {
        Path source = tmp.resolve("source");
        sourceRecords = GeneratedStores.write(source, GeneratedStores.quick(seed).withSessions(16)).sessionMetas()
                .stream().map(SessionMeta::sessionId).collect(Collectors.toSet());
        SlowRecords target = new SlowRecords(StoreOpener.at(tmp.resolve("target")).open(ReadProblemListener.NONE));

        MigrationSummary summary = new Migrator(MigrationOptions.defaults().withBatchEvents(5)
                .withRejectsDir(tmp.resolve("rejects"))).migrate(StoreOpener.at(source), StoreOpener.of("slow", target));

        assertThat(summary.outcome()).as(summary.describe()).isEqualTo(Outcome.COMPLETED);
        assertThat(StoreContents.of(tmp.resolve("target")).events()).isEqualTo(StoreContents.of(source).events());
        return target;
    }

    @Test
    void everySessionsRecordReachesTheTargetBeforeAnyOfItsEvents() {
        List<String> writes = List.copyOf(migrate(41).writes);

        // records rebuilt from events are saved by the lanes, the others ahead of them: both before their events
        Set<String> recorded = writes.stream().filter(w -> w.startsWith("record ")).map(w -> w.substring(7))
                .collect(Collectors.toSet());
        int checked = 0;
        for (int i = 0; i < writes.size(); i++) {
            String w = writes.get(i);
            if (w.startsWith("events ") && recorded.contains(w.substring(7))) {
                assertThat(writes.indexOf("record " + w.substring(7))).as("the record of %s before its events at %d",
                        w.substring(7), i).isBetween(0, i - 1);
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void eventsAreSavedWhileLaterRecordsAreStillBeingCopied() {
        List<String> writes = List.copyOf(migrate(42).writes);

        int firstEvents = writes.indexOf(writes.stream().filter(w -> w.startsWith("events ")).findFirst()
                .orElseThrow());
        int lastRecord = sourceRecords.stream().mapToInt(id -> writes.indexOf("record " + id)).max().orElseThrow();
        assertThat(firstEvents).as("the first events saved, in %s", writes).isLessThan(lastRecord);
    }
}
