package io.contextuate.monitor.conformance;

import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.contextuate.monitor.conformance.ConformanceRecords.T0;
import static io.contextuate.monitor.conformance.ConformanceRecords.event;
import static io.contextuate.monitor.conformance.ConformanceRecords.eventIds;
import static io.contextuate.monitor.conformance.ConformanceRecords.events;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance of event reads: {@code getEvents} limits, exclusive bounds, newest-N returned oldest first, ties in
 * save order; {@code getEventById}; {@code getAllRecentEvents}.
 *
 * <p>Plugin authors: run it as part of {@link MonitorStoreConformance}, or alone with a test class that extends
 * {@link StoreConformance} and implements this interface.
 */
public interface EventQueryConformance extends StoreUnderTest {

    @Test
    default void getEventsOfAnUnknownSessionIsEmpty() {
        store().saveEvent(event("s1", "e1", T0));
        assertThat(store().getEvents("nope")).isEmpty();
    }

    @Test
    default void getEventsDefaultsToTheNewestThousand() {
        store().saveEvents(events("s1", 1_005));
        List<MonitorEvent> got = store().getEvents("s1");
        assertThat(got).hasSize(1_000);
        assertThat(got.get(0).id()).isEqualTo("e5");
        assertThat(got.get(999).id()).isEqualTo("e1004");
    }

    @Test
    default void getEventsReturnsTheNewestNOldestFirst() {
        store().saveEvents(events("s1", 10));
        assertThat(eventIds(store().getEvents("s1", EventQuery.newest(3)))).containsExactly("e7", "e8", "e9");
    }

    @Test
    default void getEventsReturnsOnlyTheSessionsEvents() {
        store().saveEvents(events("s1", 3));
        store().saveEvent(event("s2", "other", T0 + 1));
        assertThat(eventIds(store().getEvents("s1"))).containsExactly("e0", "e1", "e2");
    }

    @Test
    default void beforeIsExclusive() {
        store().saveEvents(events("s1", 10));
        assertThat(eventIds(store().getEvents("s1", EventQuery.defaults().before(T0 + 3_000))))
                .containsExactly("e0", "e1", "e2");
    }

    @Test
    default void afterIsExclusive() {
        store().saveEvents(events("s1", 10));
        assertThat(eventIds(store().getEvents("s1", EventQuery.defaults().after(T0 + 7_000)))).containsExactly("e8", "e9");
    }

    @Test
    default void boundsAndLimitTogetherGiveTheNewestInsideTheBounds() {
        store().saveEvents(events("s1", 10));
        EventQuery q = EventQuery.newest(2).after(T0 + 1_000).before(T0 + 6_000);
        assertThat(eventIds(store().getEvents("s1", q))).containsExactly("e4", "e5");
    }

    @Test
    default void boundsThatAdmitNothingGiveNothing() {
        store().saveEvents(events("s1", 3));
        assertThat(store().getEvents("s1", EventQuery.defaults().after(T0 + 1_000).before(T0 + 2_000))).isEmpty();
    }

    @Test
    default void equalTimestampsKeepSaveOrderAcrossSeparateSaves() {
        store().saveEvent(event("s1", "late", T0 + 5));
        store().saveEvent(event("s1", "c", T0));
        store().saveEvent(event("s1", "a", T0));
        store().saveEvent(event("s1", "early", T0 - 5));
        store().saveEvent(event("s1", "b", T0));
        assertThat(eventIds(store().getEvents("s1"))).containsExactly("early", "c", "a", "b", "late");
    }

    @Test
    default void equalTimestampsKeepSaveOrderWithinABatch() {
        store().saveEvents(List.of(event("s1", "z", T0), event("s1", "x", T0), event("s1", "first", T0 - 1),
                event("s1", "y", T0)));
        assertThat(eventIds(store().getEvents("s1"))).containsExactly("first", "z", "x", "y");
    }

    @Test
    default void equalTimestampsKeepSaveOrderAcrossBatches() {
        store().saveEvents(List.of(event("s1", "m2", T0), event("s1", "m1", T0)));
        store().saveEvents(List.of(event("s1", "m0", T0), event("s1", "m3", T0)));
        assertThat(eventIds(store().getEvents("s1"))).containsExactly("m2", "m1", "m0", "m3");
    }

    @Test
    default void aLimitCuttingThroughTiesKeepsTheLastSaved() {
        store().saveEvents(List.of(event("s1", "c", T0), event("s1", "a", T0), event("s1", "b", T0)));
        assertThat(eventIds(store().getEvents("s1", EventQuery.newest(2)))).containsExactly("a", "b");
    }

    @Test
    default void eventsSavedOutOfTimestampOrderComeBackOldestFirst() {
        store().saveEvents(List.of(event("s1", "x", T0 + 300), event("s1", "y", T0 + 100),
                event("s1", "z", T0 + 300), event("s1", "w", T0 + 200), event("s1", "v", T0 + 100)));
        assertThat(eventIds(store().getEvents("s1"))).containsExactly("y", "v", "w", "x", "z");
    }

    @Test
    default void getEventByIdFindsTheEventInItsSessionOnly() {
        store().saveEvent(event("s1", "e1", T0));
        store().saveEvent(event("s2", "e2", T0));
        assertThat(store().getEventById("s1", "e1")).get().extracting(MonitorEvent::id).isEqualTo("e1");
        assertThat(store().getEventById("s1", "e2")).isEmpty();
        assertThat(store().getEventById("s1", "missing")).isEmpty();
        assertThat(store().getEventById("missing", "e1")).isEmpty();
    }

    @Test
    default void getAllRecentEventsIsTheNewestAcrossAllSessionsNewestFirst() {
        List<MonitorEvent> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String session = "s" + (i % 3 == 0 ? 1 : i % 3 == 1 ? 2 : 3);
            long ts = T0 + (i * 7_919L % 30) * 1_000; // every session gets old and new events
            all.add(event(session, "r" + i, ts));
        }
        all.forEach(store()::saveEvent);
        List<String> expected = all.stream().sorted((a, b) -> Long.compare(b.timestamp(), a.timestamp()))
                .limit(7).map(MonitorEvent::id).toList();
        assertThat(eventIds(store().getAllRecentEvents(7))).containsExactlyElementsOf(expected);
    }

    @Test
    default void getAllRecentEventsDefaultsToTwoHundred() {
        store().saveEvents(events("s1", 150));
        store().saveEvents(events("s2", 150));
        List<MonitorEvent> got = store().getAllRecentEvents();
        assertThat(got).hasSize(200);
        assertThat(got).allMatch(e -> e.timestamp() >= T0 + 50_000);
    }

    @Test
    default void getAllRecentEventsIncludesSessionsWithoutASessionRecord() {
        store().saveSession(ConformanceRecords.session("s1", T0));
        store().saveEvent(event("s1", "with-record", T0));
        store().saveEvent(event("orphan", "without-record", T0 + 1));
        assertThat(eventIds(store().getAllRecentEvents(10))).containsExactly("without-record", "with-record");
    }
}
