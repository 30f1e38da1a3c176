package io.contextuate.monitor.conformance;

import io.contextuate.monitor.spi.StoreStats;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.contextuate.monitor.conformance.ConformanceRecords.T0;
import static io.contextuate.monitor.conformance.ConformanceRecords.event;
import static io.contextuate.monitor.conformance.ConformanceRecords.session;
import static io.contextuate.monitor.conformance.ConformanceRecords.events;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance of the streaming reads the migrator and export use ({@code streamSessions},
 * {@code streamEventSessionIds}, {@code streamEvents}) and of {@code stats}.
 *
 * <p>Plugin authors: run it as part of {@link MonitorStoreConformance}, or alone with a test class that extends
 * {@link StoreConformance} and implements this interface.
 */
public interface StreamingConformance extends StoreUnderTest {

    @Test
    default void streamSessionsGivesEverySessionOnce() {
        for (int i = 0; i < 25; i++) {
            store().saveSession(session("s" + i, T0 + i % 3));
        }
        try (Stream<SessionMeta> sessions = store().streamSessions()) {
            assertThat(sessions.map(SessionMeta::sessionId))
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 25)
                            .mapToObj(i -> "s" + i).toList());
        }
    }

    @Test
    default void streamEventsGivesEveryEventOldestFirstBeyondTheDefaultLimit() {
        List<MonitorEvent> saved = new ArrayList<>(events("s1", 1_500));
        Collections.reverse(saved);
        store().saveEvents(saved);
        try (Stream<MonitorEvent> events = store().streamEvents("s1")) {
            assertThat(ConformanceRecords.eventIds(events.toList()))
                    .containsExactlyElementsOf(ConformanceRecords.eventIds(events("s1", 1_500)));
        }
    }

    @Test
    default void streamEventsKeepsSaveOrderForEqualTimestamps() {
        store().saveEvent(event("s1", "b", T0));
        store().saveEvents(List.of(event("s1", "c", T0 + 1), event("s1", "a", T0)));
        store().saveEvent(event("s1", "0", T0));
        try (Stream<MonitorEvent> events = store().streamEvents("s1")) {
            assertThat(ConformanceRecords.eventIds(events.toList())).containsExactly("b", "a", "0", "c");
        }
    }

    @Test
    default void streamEventsInSaveOrderGivesEveryEventOnceWithTiesInSaveOrder() {
        List<MonitorEvent> saved = new ArrayList<>(events("s1", 1_500));
        Collections.reverse(saved);
        store().saveEvents(saved);
        store().saveEvent(event("s1", "b", T0));
        store().saveEvents(List.of(event("s1", "c", T0 + 1), event("s1", "a", T0), event("s1", "b", T0 + 9)));
        store().saveEvent(event("s1", "0", T0));
        store().saveEvents(events("s1", 10)); // ids it holds already
        store().saveEvent(event("other", "a", T0));
        List<MonitorEvent> streamed;
        try (Stream<MonitorEvent> events = store().streamEventsInSaveOrder("s1")) {
            streamed = events.toList();
        }
        List<MonitorEvent> oldestFirst;
        try (Stream<MonitorEvent> events = store().streamEvents("s1")) {
            oldestFirst = events.toList();
        }
        assertThat(ConformanceRecords.eventIds(streamed)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ConformanceRecords.eventIds(oldestFirst));
        assertThat(streamed).containsExactlyInAnyOrderElementsOf(oldestFirst);
        assertThat(ConformanceRecords.eventIds(streamed.stream().filter(e -> e.timestamp() == T0).toList()))
                .as("events with equal timestamps, in save order")
                .containsExactlyElementsOf(ConformanceRecords.eventIds(
                        oldestFirst.stream().filter(e -> e.timestamp() == T0).toList()));
    }

    @Test
    default void streamEventsInSaveOrderOfAnUnknownSessionIsEmpty() {
        store().saveEvent(event("s1", "e1", T0));
        try (Stream<MonitorEvent> events = store().streamEventsInSaveOrder("nope")) {
            assertThat(events).isEmpty();
        }
    }

    @Test
    default void streamEventsOfAnUnknownSessionIsEmpty() {
        store().saveEvent(event("s1", "e1", T0));
        try (Stream<MonitorEvent> events = store().streamEvents("nope")) {
            assertThat(events).isEmpty();
        }
    }

    @Test
    default void streamEventSessionIdsListsEachSessionWithEventsOnce() {
        store().saveSession(session("withEvents", T0));
        store().saveSession(session("withoutEvents", T0));
        store().saveEvents(List.of(event("withEvents", "e1", T0), event("withEvents", "e2", T0),
                event("orphan", "e3", T0)));
        try (Stream<String> ids = store().streamEventSessionIds()) {
            assertThat(ids).containsExactlyInAnyOrder("withEvents", "orphan");
        }
    }

    @Test
    default void aStreamClosedHalfReadLeavesTheStoreUsable() {
        store().saveEvents(events("s1", 50));
        for (int round = 0; round < 20; round++) { // a leaked connection or handle shows up as a hang or error
            try (Stream<MonitorEvent> events = store().streamEvents("s1")) {
                Iterator<MonitorEvent> it = events.iterator();
                assertThat(it.next().id()).isEqualTo("e0");
            }
            try (Stream<SessionMeta> sessions = store().streamSessions()) {
                assertThat(sessions.findFirst()).isEmpty();
            }
        }
        assertThat(store().saveEvent(event("s1", "after", T0 + 999_999))).isTrue();
        assertThat(store().getEvents("s1")).hasSize(51);
    }

    @Test
    default void statsCountSessionRecordsAndDistinctEvents() {
        store().saveSession(session("s1", T0));
        store().saveSession(session("s2", T0));
        store().saveEvents(List.of(event("s1", "e1", T0), event("s1", "e1", T0), event("s1", "e2", T0),
                event("orphan", "e1", T0)));
        assertThat(store().stats()).isEqualTo(new StoreStats(2, 3));
    }

    @Test
    default void describeSaysWhereTheStoreIs() {
        assertThat(store().describe()).isNotBlank();
    }
}
