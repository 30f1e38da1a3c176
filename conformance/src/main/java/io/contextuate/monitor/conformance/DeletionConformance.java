package io.contextuate.monitor.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.NotFoundException;
import io.contextuate.monitor.spi.StoreStats;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static io.contextuate.monitor.conformance.ConformanceRecords.T0;
import static io.contextuate.monitor.conformance.ConformanceRecords.assertJsonEqual;
import static io.contextuate.monitor.conformance.ConformanceRecords.event;
import static io.contextuate.monitor.conformance.ConformanceRecords.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The conformance of removals: {@code deleteSession} (its events go, its children stay with their parent link
 * cleared), {@code deleteAllSessions}, and the rules of {@code pruneOldSessions}.
 *
 * <p>Plugin authors: run it as part of {@link MonitorStoreConformance}, or alone with a test class that extends
 * {@link StoreConformance} and implements this interface.
 */
public interface DeletionConformance extends StoreUnderTest {

    @Test
    default void deletingASessionRemovesItAndItsEventsOnly() {
        store().saveSession(session("gone", T0));
        store().saveSession(session("kept", T0));
        store().saveEvents(List.of(event("gone", "g1", T0), event("gone", "g2", T0 + 1), event("kept", "k1", T0)));
        store().deleteSession("gone");
        assertThat(store().getSession("gone")).isEmpty();
        assertThat(store().getEvents("gone")).isEmpty();
        assertThat(store().getEventById("gone", "g1")).isEmpty();
        assertThat(store().getSession("kept")).isPresent();
        assertThat(store().getEvents("kept")).hasSize(1);
        assertThat(store().stats()).isEqualTo(new StoreStats(1, 1));
        try (Stream<String> ids = store().streamEventSessionIds()) {
            assertThat(ids).containsExactly("kept");
        }
    }

    @Test
    default void deletingASessionClearsItsChildrensParent() {
        store().saveSession(session("parent", T0).toBuilder().childSessionIds(List.of("child1", "child2")).build());
        SessionMeta child1 = session("child1", T0 + 1).toBuilder().parentSessionId("parent").label("keep me")
                .agentType("Explore").build();
        SessionMeta child2 = session("child2", T0 + 2).toBuilder().parentSessionId("parent").build();
        SessionMeta stranger = session("stranger", T0 + 3).toBuilder().parentSessionId("elsewhere").build();
        List.of(child1, child2, stranger).forEach(store()::saveSession);
        store().deleteSession("parent");
        assertJsonEqual(store().getSession("child1").orElseThrow(), withoutParent(child1));
        assertJsonEqual(store().getSession("child2").orElseThrow(), withoutParent(child2));
        assertJsonEqual(store().getSession("stranger").orElseThrow(), MonitorJson.toJson(stranger));
    }

    @Test
    default void deletingASessionThatIsItsOwnParentRemovesIt() {
        store().saveSession(session("self", T0).toBuilder().parentSessionId("self").build());
        store().deleteSession("self");
        assertThat(store().getSession("self")).isEmpty();
    }

    @Test
    default void deletingAnUnknownSessionIsNotFound() {
        store().saveSession(session("s1", T0));
        assertThatThrownBy(() -> store().deleteSession("nope"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.sessionId()).isEqualTo("nope"));
        assertThat(store().stats().sessions()).isEqualTo(1);
    }

    @Test
    default void deleteAllSessionsRemovesEverySessionAndEveryEvent() {
        store().saveSession(session("s1", T0));
        store().saveSession(session("s2", T0));
        store().saveEvents(List.of(event("s1", "e1", T0), event("orphan", "e2", T0)));
        assertThat(store().deleteAllSessions()).isEqualTo(2);
        assertThat(store().stats()).isEqualTo(new StoreStats(0, 0));
        assertThat(store().getEvents("orphan")).isEmpty();
        try (Stream<String> ids = store().streamEventSessionIds()) {
            assertThat(ids).isEmpty();
        }
    }

    @Test
    default void pruneDeletesSessionsThatEndedBeforeTheCutoff() {
        store().saveSession(ended("old", T0, cutoff() - 1));
        store().saveSession(ended("recent", T0, cutoff() + 1));
        store().saveEvents(List.of(event("old", "o1", T0), event("recent", "r1", T0)));
        assertThat(store().pruneOldSessions(cutoff())).isEqualTo(1);
        assertThat(store().getSession("old")).isEmpty();
        assertThat(store().getEvents("old")).isEmpty();
        assertThat(store().getSession("recent")).isPresent();
        assertThat(store().stats()).isEqualTo(new StoreStats(1, 1));
    }

    @Test
    default void pruneSparesASessionEndingExactlyAtTheCutoff() {
        store().saveSession(ended("edge", T0, cutoff()));
        store().saveSession(session("edgeStart", cutoff()));
        assertThat(store().pruneOldSessions(cutoff())).isZero();
        assertThat(store().stats().sessions()).isEqualTo(2);
    }

    @Test
    default void pruneJudgesASessionNeverEndedByItsStartTime() {
        store().saveSession(session("oldActive", cutoff() - 1));
        store().saveSession(session("newActive", cutoff() + 1));
        assertThat(store().pruneOldSessions(cutoff())).isEqualTo(1);
        assertThat(store().getSession("oldActive")).isEmpty();
        assertThat(store().getSession("newActive")).isPresent();
    }

    @Test
    default void pruneJudgesByTheEndTimeEvenWhenItPrecedesTheStart() {
        store().saveSession(ended("backwards", cutoff() + 5, cutoff() - 5));
        store().saveSession(ended("startedOld", cutoff() - 5, cutoff() + 5));
        assertThat(store().pruneOldSessions(cutoff())).isEqualTo(1);
        assertThat(store().getSession("backwards")).isEmpty();
        assertThat(store().getSession("startedOld")).isPresent();
    }

    @Test
    default void pruneNeverDeletesAPinnedSession() {
        store().saveSession(ended("pinned", T0, T0 + 1).toBuilder().isPinned(true).build());
        store().saveSession(ended("unpinned", T0, T0 + 1).toBuilder().isPinned(false).build());
        store().saveSession(ended("noFlag", T0, T0 + 1).toBuilder().isPinned(null).build());
        assertThat(store().pruneOldSessions(cutoff())).isEqualTo(2);
        assertThat(store().getSession("pinned")).isPresent();
        assertThat(store().stats().sessions()).isEqualTo(1);
    }

    @Test
    default void pruneClearsThePrunedSessionsChildrensParent() {
        store().saveSession(ended("oldParent", T0, T0 + 1));
        SessionMeta child = session("child", cutoff() + 1).toBuilder().parentSessionId("oldParent").build();
        store().saveSession(child);
        assertThat(store().pruneOldSessions(cutoff())).isEqualTo(1);
        assertJsonEqual(store().getSession("child").orElseThrow(), withoutParent(child));
    }

    @Test
    default void pruneOfAnEmptyStoreDeletesNothing() {
        assertThat(store().pruneOldSessions(cutoff())).isZero();
    }

    /** The cutoff the prune tests use. */
    private static long cutoff() {
        return T0 + 1_000_000;
    }

    private static SessionMeta ended(String id, long start, long end) {
        return session(id, start).toBuilder().endTime(end).status(SessionStatus.COMPLETED).build();
    }

    private static ObjectNode withoutParent(SessionMeta s) {
        ObjectNode o = MonitorJson.toJson(s);
        o.remove("parentSessionId");
        return o;
    }
}
