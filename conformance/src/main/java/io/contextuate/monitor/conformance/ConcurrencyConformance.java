package io.contextuate.monitor.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.contextuate.monitor.conformance.ConformanceRecords.T0;
import static io.contextuate.monitor.conformance.ConcurrentLoad.CONTESTED;
import static io.contextuate.monitor.conformance.ConcurrentLoad.OWN;
import static io.contextuate.monitor.conformance.ConcurrentLoad.SHARED;
import static io.contextuate.monitor.conformance.ConcurrentLoad.THREADS;
import static io.contextuate.monitor.conformance.ConformanceRecords.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance of concurrent writers: several threads saving to their own sessions and to one shared session,
 * some of them the very same events, leave every event present exactly once, readable and uncorrupted.
 *
 * <p>Plugin authors: run it as part of {@link MonitorStoreConformance}, or alone with a test class that extends
 * {@link StoreConformance} and implements this interface.
 */
public interface ConcurrencyConformance extends StoreUnderTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    default void concurrentWritersLoseNothingAndDuplicateNothing() throws Exception {
        List<MonitorEvent> contested = new ArrayList<>();
        for (int i = 0; i < CONTESTED; i++) {
            contested.add(event("shared", "contested-" + i, T0 + i));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> newContested = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                newContested.add(pool.submit((Callable<Integer>) () -> {
                    start.await();
                    return write(thread, contested);
                }));
            }
            start.countDown();
            int contestedWins = 0;
            for (Future<Integer> f : newContested) {
                contestedWins += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(contestedWins).as("saves of the contested events that reported them new").isEqualTo(CONTESTED);
        } finally {
            pool.shutdownNow();
        }
        for (int t = 0; t < THREADS; t++) {
            List<MonitorEvent> own = store().getEvents("own-" + t);
            assertThat(own).hasSize(OWN);
            own.forEach(e -> ConformanceRecords.assertJsonEqual(e, ownEvent(e.sessionId(), e.id()).json()));
        }
        List<MonitorEvent> shared = store().getEvents("shared");
        assertThat(shared).extracting(MonitorEvent::id).doesNotHaveDuplicates()
                .hasSize(THREADS * SHARED + CONTESTED);
        assertThat(store().stats().events()).isEqualTo((long) THREADS * (OWN + SHARED) + CONTESTED);
    }

    /** Saves this thread's events, singly and in batches, interleaved with the contested ones. */
    private int write(int thread, List<MonitorEvent> contested) {
        int contestedWins = 0;
        List<MonitorEvent> batch = new ArrayList<>();
        for (int i = 0; i < OWN; i++) {
            MonitorEvent own = ownEvent("own-" + thread, "t" + thread + "-" + i).event();
            MonitorEvent shared = event("shared", "shared-t" + thread + "-" + i, T0 + 1_000 + i);
            if (i % 2 == 0) {
                store().saveEvent(own);
                store().saveEvent(shared);
            } else {
                batch.add(own);
                batch.add(shared);
            }
            if (batch.size() >= 10) {
                store().saveEvents(batch);
                batch.clear();
            }
            if (i < CONTESTED) {
                MonitorEvent c = contested.get((i + thread * 7) % CONTESTED);
                contestedWins += i % 3 == 0 ? store().saveEvents(List.of(c)) : store().saveEvent(c) ? 1 : 0;
            }
        }
        store().saveEvents(batch);
        return contestedWins;
    }

    /** An event whose data is big enough that torn writes would show. */
    private static UpstreamEvent ownEvent(String sessionId, String id) {
        ObjectNode json = MonitorJson.toJson(event(sessionId, id, T0 + Math.floorMod(id.hashCode(), 1000)));
        ((ObjectNode) json.get("data")).put("toolOutput", UpstreamSpecimens.toolOutput(2_000) + id);
        return UpstreamEvent.of(json);
    }
}
