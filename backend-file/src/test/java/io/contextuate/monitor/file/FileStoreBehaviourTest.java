package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.NotFoundException;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.StoreStats;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionPatch;
import io.contextuate.monitor.spi.model.SessionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.contextuate.monitor.file.TestRecords.T0;
import static io.contextuate.monitor.file.TestRecords.event;
import static io.contextuate.monitor.file.TestRecords.ids;
import static io.contextuate.monitor.file.TestRecords.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract as the file store keeps it, with real files. */
class FileStoreBehaviourTest {

    @TempDir
    Path base;

    private FileStore store;

    @BeforeEach
    void open() {
        store = FileStore.open(base, null);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void savingAnEventIdTwiceKeepsOneCopy() {
        assertThat(store.saveEvent(event("s1", "e1", T0))).isTrue();
        assertThat(store.saveEvent(event("s1", "e1", T0 + 5))).isFalse();
        assertThat(store.saveEvents(List.of(event("s1", "e2", T0), event("s1", "e2", T0), event("s1", "e1", T0))))
                .isEqualTo(1);
        assertThat(ids(store.getEvents("s1"))).containsExactly("e1", "e2");
        assertThat(store.stats()).isEqualTo(new StoreStats(0, 2));
    }

    @Test
    void theSameEventIdInTwoSessionsIsTwoEvents() {
        store.saveEvent(event("s1", "e1", T0));
        assertThat(store.saveEvent(event("s2", "e1", T0))).isTrue();
        assertThat(store.stats().events()).isEqualTo(2);
    }

    @Test
    void getEventsGivesTheNewestLimitOldestFirstWithTiesInSaveOrder() {
        store.saveEvents(List.of(event("s", "late", T0 + 30), event("s", "tieA", T0 + 20),
                event("s", "early", T0), event("s", "tieB", T0 + 20), event("s", "mid", T0 + 10)));

        assertThat(ids(store.getEvents("s", EventQuery.newest(3)))).containsExactly("tieA", "tieB", "late");
        assertThat(ids(store.getEvents("s", EventQuery.newest(2)))).containsExactly("tieB", "late");
        assertThat(ids(store.getEvents("s"))).containsExactly("early", "mid", "tieA", "tieB", "late");
    }

    @Test
    void getEventsBoundsAreExclusive() {
        for (int i = 0; i < 5; i++) {
            store.saveEvent(event("s", "e" + i, T0 + i));
        }
        assertThat(ids(store.getEvents("s", EventQuery.newest(10).after(T0 + 1).before(T0 + 4))))
                .containsExactly("e2", "e3");
        assertThat(ids(store.getEvents("s", EventQuery.newest(1).before(T0 + 3)))).containsExactly("e2");
    }

    @Test
    void anUnknownSessionHasNoEvents() {
        assertThat(store.getEvents("nobody")).isEmpty();
        assertThat(store.getEventById("nobody", "e")).isEmpty();
        assertThat(ids(store.streamEvents("nobody"))).isEmpty();
    }

    @Test
    void getEventByIdFindsTheEventInItsSessionOnly() {
        store.saveEvent(event("s1", "e1", T0));
        assertThat(store.getEventById("s1", "e1")).map(MonitorEvent::timestamp).contains(T0);
        assertThat(store.getEventById("s2", "e1")).isEmpty();
        assertThat(store.getEventById("s1", "e2")).isEmpty();
    }

    @Test
    void recentEventsAreTheNewestAcrossAllSessionsNewestFirst() {
        store.saveEvents(List.of(event("a", "a1", T0 + 1), event("a", "a2", T0 + 5), event("b", "b1", T0 + 3),
                event("c", "c1", T0 + 4), event("b", "b2", T0 + 2)));
        assertThat(ids(store.getAllRecentEvents(3))).containsExactly("a2", "c1", "b1");
        assertThat(ids(store.getAllRecentEvents())).containsExactly("a2", "c1", "b1", "b2", "a1");
    }

    @Test
    void sessionsComeNewestStartFirstFilteredByStatusAndLimited() {
        store.saveSession(session("old", T0));
        store.saveSession(session("new", T0 + 10));
        store.saveSession(session("mid", T0 + 5).toBuilder().status(SessionStatus.COMPLETED).build());

        assertThat(store.getSessions(SessionQuery.all())).extracting(SessionMeta::sessionId)
                .containsExactly("new", "mid", "old");
        assertThat(store.getSessions(SessionQuery.all().withLimit(2))).extracting(SessionMeta::sessionId)
                .containsExactly("new", "mid");
        assertThat(store.getSessions(SessionQuery.all().withStatus(SessionStatus.COMPLETED)))
                .extracting(SessionMeta::sessionId).containsExactly("mid");
    }

    @Test
    void savingASessionReplacesTheWholeRecord() {
        store.saveSession(session("s", T0).toBuilder().label("first").build());
        store.saveSession(session("s", T0 + 1));
        assertThat(store.getSession("s")).hasValueSatisfying(s -> {
            assertThat(s.label()).isNull();
            assertThat(s.startTime()).isEqualTo(T0 + 1);
        });
    }

    @Test
    void updatingASessionChangesOnlyThePatchedMembers() {
        store.saveSession(session("s", T0).toBuilder().label("keep me").model("opus").build());
        SessionMeta updated = store.updateSession("s", SessionPatch.empty().set("isPinned", true).remove("model"));

        assertThat(updated.pinned()).isTrue();
        assertThat(updated.model()).isNull();
        assertThat(updated.label()).isEqualTo("keep me");
        assertThat(store.getSession("s")).contains(updated);
    }

    @Test
    void updatingOrDeletingAnUnknownSessionIsNotFound() {
        assertThatThrownBy(() -> store.updateSession("ghost", SessionPatch.empty().set("label", "x")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.deleteSession("ghost")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletingASessionRemovesItsEventsAndClearsItsChildrensParent() {
        store.saveSession(session("parent", T0));
        store.saveSession(session("child", T0 + 1).toBuilder().parentSessionId("parent").label("c").build());
        store.saveSession(session("other", T0 + 2).toBuilder().parentSessionId("elsewhere").build());
        store.saveEvent(event("parent", "p1", T0));

        store.deleteSession("parent");

        assertThat(store.getSession("parent")).isEmpty();
        assertThat(store.getEvents("parent")).isEmpty();
        assertThat(Files.exists(base.resolve("sessions/parent"))).isFalse();
        assertThat(store.getSession("child")).hasValueSatisfying(c -> {
            assertThat(c.parentSessionId()).isNull();
            assertThat(c.label()).isEqualTo("c");
        });
        assertThat(store.getSession("other").orElseThrow().parentSessionId()).isEqualTo("elsewhere");
    }

    @Test
    void pruneDeletesUnpinnedSessionsThatEndedOrStartedBeforeTheCutoff() {
        store.saveSession(session("startedLongAgo", T0));
        store.saveSession(session("endedRecently", T0).toBuilder().endTime(T0 + 100).build());
        store.saveSession(session("pinned", T0).toBuilder().isPinned(true).build());
        store.saveSession(session("endedLongAgo", T0).toBuilder().endTime(T0 + 10).build());
        store.saveSession(session("child", T0 + 200).toBuilder().parentSessionId("endedLongAgo").build());
        store.saveEvent(event("endedLongAgo", "x", T0));

        assertThat(store.pruneOldSessions(T0 + 50)).isEqualTo(2);

        assertThat(store.getSessions(SessionQuery.all())).extracting(SessionMeta::sessionId)
                .containsExactlyInAnyOrder("endedRecently", "pinned", "child");
        assertThat(store.getEvents("endedLongAgo")).isEmpty();
        assertThat(store.getSession("child").orElseThrow().parentSessionId()).isNull();
    }

    @Test
    void deletingAllSessionsRemovesSessionsAndEventsButNotUpstreamsOtherFiles() throws Exception {
        store.saveSession(session("a", T0));
        store.saveSession(session("b", T0));
        store.saveEvent(event("a", "1", T0));
        store.saveEvent(event("eventsOnly", "1", T0));
        Files.createDirectories(base.resolve("raw"));
        Files.writeString(base.resolve("raw/1-a-1.json"), "{}");
        Files.writeString(base.resolve("config.json"), "{}");

        assertThat(store.deleteAllSessions()).isEqualTo(2);

        assertThat(store.stats()).isEqualTo(new StoreStats(0, 0));
        try (var ids = store.streamEventSessionIds()) {
            assertThat(ids).isEmpty();
        }
        assertThat(base.resolve("raw/1-a-1.json")).exists();
        assertThat(base.resolve("config.json")).exists();
    }

    @Test
    void streamsGiveEverySessionEveryEventSessionAndEveryEventOldestFirst() {
        store.saveSession(session("a", T0));
        store.saveEvents(List.of(event("a", "2", T0 + 2), event("a", "1", T0 + 1), event("b", "1", T0)));

        try (var sessions = store.streamSessions()) {
            assertThat(sessions).extracting(SessionMeta::sessionId).containsExactly("a");
        }
        try (var ids = store.streamEventSessionIds()) {
            assertThat(ids).containsExactlyInAnyOrder("a", "b");
        }
        assertThat(ids(store.streamEvents("a"))).containsExactly("1", "2");
    }

    @Test
    void aReopenedStoreReadsWhatThePreviousOneWrote() {
        store.saveSession(session("s", T0));
        for (int i = 0; i < 600; i++) {
            store.saveEvent(event("s", "e" + i, T0 + (i * 7919L) % 600));
        }
        List<MonitorEvent> before = store.getEvents("s", EventQuery.newest(50));
        store.close();

        try (FileStore reopened = FileStore.open(base, null)) {
            assertThat(reopened.getSession("s")).isEqualTo(store.getSession("s"));
            assertThat(reopened.getEvents("s", EventQuery.newest(50))).isEqualTo(before);
            assertThat(reopened.saveEvent(event("s", "e10", T0))).isFalse();
            assertThat(reopened.stats()).isEqualTo(new StoreStats(1, 600));
        }
    }

    @Test
    void threadsSavingConcurrentlyLoseNothingAndDuplicateNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int saved = 0;
                    for (int i = 0; i < 200; i++) {
                        saved += store.saveEvent(event("shared", "e" + i, T0 + i)) ? 1 : 0;
                    }
                    return saved;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get();
            }
            assertThat(total).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Files.readAllLines(base.resolve("sessions/shared/events.jsonl"))).hasSize(200);
        assertThat(store.getEvents("shared")).hasSize(200);
    }

    @Test
    void describeSaysWhereTheStoreIs() {
        assertThat(store.describe()).isEqualTo("file store at " + base.toAbsolutePath().normalize());
    }
}
