package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One side of a verification, read ahead across sessions and digested on threads of its own: what the comparing
 * thread takes is every event of each session in the store's order, a session at a time, and a failure of the store
 * arrives where it happened.
 */
class EventDigestsTest {

    @TempDir
    Path tmp;

    private MonitorStore store() {
        Path dir = tmp.resolve("store");
        GeneratedStores.write(dir, GeneratedStores.quick(7).withSessions(5).withEventsPerSession(1_300));
        return StoreOpener.at(dir).open(ReadProblemListener.NONE);
    }

    /** The digests one side hands over for a session, in order. */
    private static List<EventDigests.Digested> take(EventDigests side) {
        List<EventDigests.Digested> taken = new ArrayList<>();
        while (side.peek() != null) {
            taken.add(side.take());
        }
        return taken;
    }

    @Test
    void everySessionsEventsArriveInTheStoresOrderEachSessionApart() {
        try (MonitorStore store = store()) {
            List<String> ids = new ArrayList<>(store.streamEventSessionIds().sorted().toList());
            ids.add(2, "no-such-session");
            String rebuilt = ids.get(0);
            try (EventDigests side = EventDigests.start(store, ids, Set.of(rebuilt), "test")) {
                for (String id : ids) {
                    List<EventDigests.Digested> taken = take(side);
                    List<MonitorEvent> expected;
                    try (Stream<MonitorEvent> s = store.streamEvents(id)) {
                        expected = s.toList();
                    }
                    assertThat(taken).as("session %s", id).extracting(EventDigests.Digested::id)
                            .containsExactlyElementsOf(expected.stream().map(MonitorEvent::id).toList());
                    assertThat(taken).extracting(EventDigests.Digested::digest)
                            .containsExactlyElementsOf(expected.stream().map(Verifier::digest).toList());
                    String record = side.endSession();
                    assertThat(record).as("the rebuilt record's digest, only where asked for")
                            .isEqualTo(id.equals(rebuilt) ? rebuiltDigest(expected) : null);
                }
            }
        }
    }

    @Test
    void aStoreFailingOnALaterSessionFailsTheComparisonThereAfterTheSessionsBefore() {
        try (MonitorStore real = store()) {
            List<String> ids = real.streamEventSessionIds().sorted().toList();
            String failing = ids.get(3);
            MonitorStore store = new RecordingStore(real) {
                @Override
                public Stream<MonitorEvent> streamEvents(String sessionId) {
                    if (sessionId.equals(failing)) {
                        throw new IllegalStateException("the events of " + failing + " cannot be read");
                    }
                    return super.streamEvents(sessionId);
                }
            };
            try (EventDigests side = EventDigests.start(store, ids, Set.of(), "test")) {
                for (String id : ids.subList(0, 3)) {
                    assertThat(take(side)).as("session %s", id).hasSize((int) real.streamEvents(id).count());
                    side.endSession();
                }
                assertThatThrownBy(side::peek).isInstanceOf(IllegalStateException.class)
                        .hasMessage("the events of " + failing + " cannot be read");
            }
        }
    }

    @Test
    void closingBeforeTheEndStopsTheReading() {
        try (MonitorStore store = store()) {
            List<String> ids = store.streamEventSessionIds().sorted().toList();
            Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
            EventDigests side = EventDigests.start(store, ids, Set.of(), "test");
            assertThat(side.take()).isNotNull();

            side.close();

            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> !before.contains(t) && t.isAlive())
                    .extracting(Thread::getName).doesNotContain("test", "read-ahead");
        }
    }

    private static String rebuiltDigest(List<MonitorEvent> events) {
        SessionReconstruction reconstruction = new SessionReconstruction();
        events.forEach(reconstruction::accept);
        return reconstruction.result().map(Verifier::digest).orElse("(no readable event)");
    }
}
