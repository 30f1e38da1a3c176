package io.contextuate.monitor.conformance;

import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.PreparedEvents;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.StoreStats;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static io.contextuate.monitor.conformance.ConformanceRecords.T0;
import static io.contextuate.monitor.conformance.ConformanceRecords.event;
import static io.contextuate.monitor.conformance.ConformanceRecords.eventIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The conformance of event saves: idempotence by (session id, event id), counts of new events, events of sessions
 * that have no session record, refusal of events a store cannot keep, and batches prepared ahead of their save.
 *
 * <p>Plugin authors: run it as part of {@link MonitorStoreConformance}, or alone with a test class that extends
 * {@link StoreConformance} and implements this interface.
 */
public interface EventSaveConformance extends StoreUnderTest {

    @Test
    default void saveEventIsTrueForANewEventAndFalseForOneTheStoreHolds() {
        assertThat(store().saveEvent(event("s1", "e1", T0))).isTrue();
        assertThat(store().saveEvent(event("s1", "e1", T0))).isFalse();
        assertThat(store().getEvents("s1")).hasSize(1);
        assertThat(store().stats().events()).isEqualTo(1);
    }

    @Test
    default void savingAHeldIdAgainChangesNothing() {
        MonitorEvent first = event("s1", "e1", T0);
        store().saveEvent(first);
        assertThat(store().saveEvent(event("s1", "e1", T0 + 99, MonitorJson.newObject().put("changed", true)))).isFalse();
        ConformanceRecords.assertJsonEqual(store().getEventById("s1", "e1").orElseThrow(), MonitorJson.toJson(first));
        assertThat(store().getEvents("s1")).hasSize(1);
    }

    @Test
    default void saveEventsCountsOnlyNewEvents() {
        store().saveEvent(event("s1", "held", T0));
        int added = store().saveEvents(List.of(event("s1", "held", T0), event("s1", "n1", T0 + 1),
                event("s1", "n1", T0 + 1), event("s2", "n2", T0 + 2)));
        assertThat(added).isEqualTo(2);
        assertThat(store().stats().events()).isEqualTo(3);
        assertThat(eventIds(store().getEvents("s1"))).containsExactly("held", "n1");
    }

    @Test
    default void anEmptyBatchSavesNothing() {
        assertThat(store().saveEvents(List.of())).isZero();
        assertThat(store().stats()).isEqualTo(new StoreStats(0, 0));
    }

    @Test
    default void theSameEventIdInTwoSessionsIsTwoEvents() {
        assertThat(store().saveEvent(event("s1", "shared-id", T0))).isTrue();
        assertThat(store().saveEvent(event("s2", "shared-id", T0))).isTrue();
        assertThat(store().getEventById("s1", "shared-id")).isPresent();
        assertThat(store().getEventById("s2", "shared-id")).isPresent();
        assertThat(store().stats().events()).isEqualTo(2);
    }

    @Test
    default void eventsOfASessionWithoutARecordAreStoredCountedAndListed() {
        store().saveEvent(event("orphan", "e1", T0));
        store().saveEvent(event("orphan", "e2", T0 + 1));
        assertThat(eventIds(store().getEvents("orphan"))).containsExactly("e1", "e2");
        assertThat(store().getEventById("orphan", "e2")).isPresent();
        assertThat(store().stats()).isEqualTo(new StoreStats(0, 2));
        try (Stream<String> ids = store().streamEventSessionIds()) {
            assertThat(ids).containsExactly("orphan");
        }
    }

    @Test
    default void aSessionWithoutARecordIsNotASession() {
        store().saveEvent(event("orphan", "e1", T0));
        assertThat(store().getSession("orphan")).isEmpty();
        assertThat(store().getSessions(SessionQuery.all())).isEmpty();
        try (Stream<?> sessions = store().streamSessions()) {
            assertThat(sessions).isEmpty();
        }
    }

    @Test
    default void anEventWithAnEmptyIdIsRefusedNamingTheField() {
        InvalidRecordException e = catchThrowableOfType(InvalidRecordException.class,
                () -> store().saveEvent(event("s1", "", T0)));
        assertThat(e).as("saving an event with id \"\" must throw InvalidRecordException").isNotNull();
        assertThat(e.field()).isEqualTo("id");
        assertThat(store().stats().events()).isZero();
    }

    @Test
    default void anEventWithAnEmptySessionIdIsRefusedNamingTheField() {
        assertThatThrownBy(() -> store().saveEvent(event("", "e1", T0)))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.field()).isEqualTo("sessionId"));
        assertThat(store().stats().events()).isZero();
    }

    @Test
    default void aBatchWithARefusedEventSavesNothingAfterIt() {
        List<MonitorEvent> batch = List.of(event("s1", "a", T0), event("s1", "b", T0 + 1),
                event("s1", "", T0 + 2), event("s1", "c", T0 + 3));
        assertThatThrownBy(() -> store().saveEvents(batch))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.field()).isEqualTo("id"));
        List<String> kept = eventIds(store().getEvents("s1"));
        assertThat(kept).as("none of the batch, or all the events before the refused one")
                .isIn(List.of(), List.of("a", "b"));
    }

    @Test
    default void preparedEventsAreSavedAsSaveEventsSavesThem() {
        store().saveEvent(event("s1", "held", T0));
        List<MonitorEvent> batch = new ArrayList<>(List.of(event("s1", "held", T0), event("s1", "n1", T0 + 1),
                event("s1", "n1", T0 + 1), event("s2", "n2", T0 + 2)));
        PreparedEvents prepared = store().prepareEvents(batch);
        batch.clear();
        assertThat(store().stats().events()).as("preparing saves nothing").isEqualTo(1);
        assertThat(prepared.save()).isEqualTo(2);
        assertThat(prepared.save()).as("saving the prepared batch again").isZero();
        assertThat(store().stats().events()).isEqualTo(3);
        assertThat(eventIds(store().getEvents("s1"))).containsExactly("held", "n1");
    }

    @Test
    default void batchesPreparedAheadAndSavedOnAnotherThreadKeepTheirOrder() throws Exception {
        List<MonitorEvent> first = List.of(event("s1", "b", T0), event("s1", "a", T0));
        List<MonitorEvent> second = List.of(event("s1", "d", T0), event("s1", "c", T0));
        PreparedEvents one = store().prepareEvents(first);
        PreparedEvents two = store().prepareEvents(second);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            assertThat(writer.submit(one::save).get()).isEqualTo(2);
            assertThat(writer.submit(two::save).get()).isEqualTo(2);
        } finally {
            writer.shutdown();
        }
        assertThat(eventIds(store().getEvents("s1"))).as("equal timestamps keep the order of the saves")
                .containsExactly("b", "a", "d", "c");
    }

    @Test
    default void aPreparedBatchWithARefusedEventIsRefusedNamingItAndKeepsNothingAfterIt() {
        List<MonitorEvent> batch = List.of(event("s1", "a", T0), event("s1", "", T0 + 1), event("s1", "c", T0 + 2));
        assertThatThrownBy(() -> store().prepareEvents(batch).save())
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.field()).isEqualTo("id"));
        assertThat(eventIds(store().getEvents("s1"))).as("none of the batch, or all the events before the refused one")
                .isIn(List.of(), List.of("a"));
    }
}
