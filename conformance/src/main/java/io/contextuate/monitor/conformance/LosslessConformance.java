package io.contextuate.monitor.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.EventFingerprints;
import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.StoreStats;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.contextuate.monitor.conformance.ConformanceRecords.T0;
import static io.contextuate.monitor.conformance.ConformanceRecords.assertJsonEqual;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lossless law: what a store is given comes back JSON-equal (key order and number spelling aside) through
 * every read, compared with the ORIGINAL raw JSON: absent optional members stay absent, unknown members and types
 * are kept, and the hardest values real upstream data holds survive (NUL, lone surrogates, emoji, Windows paths,
 * deep nesting, numbers beyond 64 bits, a 1 MB payload, odd parent links, an end before the start). Runs a whole
 * {@link UpstreamData} dataset through save, get and stream, and pins each hard case on its own.
 *
 * <p>Plugin authors: run it as part of {@link MonitorStoreConformance}, or alone with a test class that extends
 * {@link StoreConformance} and implements this interface.
 */
public interface LosslessConformance extends StoreUnderTest {

    @Test
    default void aGeneratedUpstreamStoreComesBackJsonEqualThroughEveryRead() {
        LosslessDataset.DATA.sessionRecords().forEach(s -> store().saveSession(s.meta()));
        List<UpstreamSessionData> sessions = LosslessDataset.DATA.sessions();
        for (int i = 0; i < sessions.size(); i++) {
            List<MonitorEvent> lines = sessions.get(i).eventRecords();
            if (i % 2 == 0) {
                for (int from = 0; from < lines.size(); from += 7) {
                    store().saveEvents(lines.subList(from, Math.min(lines.size(), from + 7)));
                }
            } else {
                lines.forEach(store()::saveEvent);
            }
        }
        for (UpstreamSessionData s : sessions) {
            s.meta().ifPresentOrElse(m -> assertJsonEqual(store().getSession(s.sessionId()).orElseThrow(), m.json()),
                    () -> assertThat(store().getSession(s.sessionId())).isEmpty());
            List<UpstreamEvent> expected = s.eventsInStoreOrder();
            assertAllJsonEqual(store().getEvents(s.sessionId(), EventQuery.newest(100_000)), expected,
                    "getEvents(" + s.sessionId() + ")");
            try (Stream<MonitorEvent> streamed = store().streamEvents(s.sessionId())) {
                assertAllJsonEqual(streamed.toList(), expected, "streamEvents(" + s.sessionId() + ")");
            }
            for (UpstreamEvent e : expected) {
                assertJsonEqual(store().getEventById(s.sessionId(), e.id()).orElseThrow(), e.json());
            }
        }
        Map<String, UpstreamSession> metas = LosslessDataset.DATA.sessionRecords().stream()
                .collect(Collectors.toMap(UpstreamSession::sessionId, Function.identity()));
        try (Stream<SessionMeta> streamed = store().streamSessions()) {
            List<SessionMeta> all = streamed.toList();
            assertThat(all).extracting(SessionMeta::sessionId).containsExactlyInAnyOrderElementsOf(metas.keySet());
            all.forEach(s -> assertJsonEqual(s, metas.get(s.sessionId()).json()));
        }
        assertThat(store().stats()).isEqualTo(new StoreStats(metas.size(), LosslessDataset.DATA.distinctEvents().size()));
    }

    /**
     * A store that fingerprints its events ({@link io.contextuate.monitor.spi.MonitorStore#eventFingerprints()})
     * holds for each session the sum of the fingerprints it computes for the session's events, whatever their order:
     * what a verification relies on. A store without fingerprints has nothing to hold to here.
     */
    @Test
    default void aStoreThatFingerprintsItsEventsHoldsForEachSessionTheSumOfTheFingerprintsItComputesForThem() {
        Optional<EventFingerprints> fingerprints = store().eventFingerprints();
        if (fingerprints.isEmpty()) {
            return;
        }
        for (UpstreamSessionData s : LosslessDataset.DATA.sessions()) {
            store().saveEvents(s.eventRecords());
            EventFingerprints.SessionFingerprint expected = EventFingerprints.SessionFingerprint.NONE;
            for (UpstreamEvent kept : s.distinctEvents()) {
                expected = expected.plus(fingerprints.get().of(kept.event()).orElseThrow(
                        () -> new AssertionError(s.sessionId() + "/" + kept.id() + ": stored, yet has no fingerprint")));
            }
            assertThat(fingerprints.get().session(s.sessionId())).as(s.sessionId()).isEqualTo(expected);
        }
    }

    @Test
    default void unknownMembersOfAnEventAreKept() {
        ObjectNode json = eventJson("e1");
        json.put("hookVersion", "0.9.3");
        json.putObject("source").put("pid", 4242).putNull("tty");
        json.putArray("tags").add(1).add("two").addNull();
        assertRoundTrips(json);
    }

    @Test
    default void knownMembersWithUnexpectedTypesAreKept() {
        ObjectNode event = eventJson("e1");
        event.put("parentSessionId", 42);
        assertRoundTrips(event);
        ObjectNode session = sessionJson("s-odd");
        session.putNull("label");
        session.put("isPinned", "yes");
        session.put("endTime", 1.5);
        session.putObject("tokenUsage").put("totalInput", "x").put("totalOutput", 3);
        session.putArray("childSessionIds").add(7);
        assertRoundTrips(session);
    }

    @Test
    default void absentOptionalMembersStayAbsent() {
        ObjectNode event = eventJson("e1");
        assertRoundTrips(event);
        assertThat(store().getEventById("lossless", "e1").orElseThrow().parentSessionId()).isNull();
        ObjectNode minimal = sessionJson("s-minimal");
        assertRoundTrips(minimal);
        assertThat(MonitorJson.toJson(store().getSession("s-minimal").orElseThrow()).size())
                .as("members of a session saved with the five required ones only").isEqualTo(5);
    }

    @Test
    default void eventAndHookTypesNoOneKnowsAreKept() {
        ObjectNode unseen = eventJson("unseen");
        unseen.put("eventType", UpstreamData.UNSEEN_EVENT_TYPE).put("hookType", UpstreamData.UNSEEN_HOOK_TYPE);
        ObjectNode unknownHook = eventJson("unknown-hook");
        unknownHook.put("eventType", "message").put("hookType", "Unknown");
        assertRoundTrips(unseen);
        assertRoundTrips(unknownHook);
        assertThat(store().getEventById("lossless", "unseen").orElseThrow().eventType().value())
                .isEqualTo(UpstreamData.UNSEEN_EVENT_TYPE);
    }

    @Test
    default void anEmptyDataObjectIsKept() {
        ObjectNode json = eventJson("start");
        json.put("eventType", "session_start").put("hookType", "SessionStart");
        assertRoundTrips(json);
    }

    @Test
    default void nulLoneSurrogatesEmojiAndBackslashesAreKept() {
        ObjectNode json = eventJson("tricky");
        json.put("workingDirectory", "C:\\Users\\dev\\repo \ud83d\ude00");
        json.set("data", UpstreamSpecimens.trickyStrings());
        assertRoundTrips(json);
        ObjectNode session = sessionJson("s-tricky");
        session.put("workingDirectory", "C:\\Users\\dev\\repo");
        session.put("label", "bug \ud83d\udc1b, cut \ud83d, nul \u0000");
        session.put("transcriptPath", "C:\\Users\\dev\\.claude\\projects\\x\\s.jsonl");
        assertRoundTrips(session);
    }

    @Test
    default void deepNestingIsKept() {
        ObjectNode json = eventJson("deep");
        json.putObject("data").set("toolOutput", UpstreamSpecimens.deepNesting(300));
        assertRoundTrips(json);
    }

    @Test
    default void numbersBeyond64BitsAndLongDecimalsAreKept() {
        ObjectNode json = eventJson("numbers");
        json.putObject("data").set("toolOutput", UpstreamSpecimens.bigNumbers());
        assertRoundTrips(json);
    }

    @Test
    default void aOneMegabytePayloadIsKept() {
        ObjectNode json = eventJson("big");
        json.set("data", UpstreamSpecimens.largeToolResult(1_000_000));
        assertRoundTrips(json);
    }

    @Test
    default void eventIdsThatAreNotUuidsAreKept() {
        assertRoundTrips(eventJson("evt-1"));
        assertRoundTrips(eventJson("1761000000000-a1b2c3"));
        assertRoundTrips(eventJson("with space/and slash"));
    }

    @Test
    default void timestampsOutsideTheUsualRangeAreKeptAndOrdered() {
        ObjectNode zero = eventJson("zero");
        zero.put("timestamp", 0L);
        ObjectNode beyondJavaScript = eventJson("beyond-2^53");
        beyondJavaScript.put("timestamp", 9_007_199_254_740_993L);
        assertRoundTrips(beyondJavaScript);
        assertRoundTrips(zero);
        assertThat(ConformanceRecords.eventIds(store().getEvents("lossless"))).containsExactly("zero", "beyond-2^53");
    }

    @Test
    default void oddParentLinksAreKept() {
        ObjectNode self = sessionJson("self");
        self.put("parentSessionId", "self");
        self.putArray("childSessionIds").add("self");
        ObjectNode orphan = sessionJson("orphan-child");
        orphan.put("parentSessionId", "never-written");
        ObjectNode childFirst = sessionJson("child-first");
        childFirst.put("parentSessionId", "parent-later");
        ObjectNode parentLater = sessionJson("parent-later");
        parentLater.putArray("childSessionIds").add("child-first").add("gone");
        for (ObjectNode s : List.of(self, orphan, childFirst, parentLater)) {
            assertRoundTrips(s);
        }
    }

    @Test
    default void aSessionThatEndsBeforeItStartsIsKept() {
        ObjectNode json = sessionJson("backwards");
        json.put("endTime", T0 - 60_000);
        assertRoundTrips(json);
    }

    @Test
    default void unknownMembersOfASessionAreKeptWhateverTheMemberOrder() {
        ObjectNode json = MonitorJson.newObject();
        json.putObject("uiState").put("collapsed", true).putArray("tags").add("billing");
        json.put("status", "completed");
        json.setAll(sessionJson("s-order"));
        json.put("schemaVersion", 3);
        json.put("parentSessionId", "p1");
        assertRoundTrips(json);
    }

    /** An event of session {@code lossless} with an empty {@code data} object. */
    private static ObjectNode eventJson(String id) {
        ObjectNode o = MonitorJson.newObject();
        o.put("id", id);
        o.put("timestamp", T0);
        o.put("sessionId", "lossless");
        o.put("machineId", "kit-machine");
        o.put("workingDirectory", "/home/dev/kit");
        o.put("eventType", "tool_result");
        o.put("hookType", "PostToolUse");
        o.putObject("data");
        return o;
    }

    /** A session with the five members upstream always writes and no other. */
    private static ObjectNode sessionJson(String id) {
        ObjectNode o = MonitorJson.newObject();
        o.put("sessionId", id);
        o.put("machineId", "kit-machine");
        o.put("workingDirectory", "/home/dev/kit");
        o.put("startTime", T0);
        o.put("status", "active");
        return o;
    }

    private void assertRoundTrips(ObjectNode json) {
        if (json.has("eventType")) {
            UpstreamEvent e = UpstreamEvent.of(json);
            assertThat(store().saveEvent(e.event())).isTrue();
            assertJsonEqual(store().getEventById(e.sessionId(), e.id()).orElseThrow(), json);
            assertJsonEqual(only(store().getEvents(e.sessionId()), e.id()), json);
            try (Stream<MonitorEvent> streamed = store().streamEvents(e.sessionId())) {
                assertJsonEqual(only(streamed.toList(), e.id()), json);
            }
            assertJsonEqual(only(store().getAllRecentEvents(), e.id()), json);
        } else {
            UpstreamSession s = UpstreamSession.of(json);
            store().saveSession(s.meta());
            assertJsonEqual(store().getSession(s.sessionId()).orElseThrow(), json);
            try (Stream<SessionMeta> streamed = store().streamSessions()) {
                assertJsonEqual(streamed.filter(m -> m.sessionId().equals(s.sessionId())).findFirst()
                        .orElseThrow(), json);
            }
        }
    }

    private static MonitorEvent only(List<MonitorEvent> events, String id) {
        List<MonitorEvent> matching = events.stream().filter(e -> e.id().equals(id)).toList();
        assertThat(matching).as("events with id " + id).hasSize(1);
        return matching.get(0);
    }

    private static void assertAllJsonEqual(List<MonitorEvent> got, List<UpstreamEvent> expected, String what) {
        assertThat(ConformanceRecords.eventIds(got)).as(what + " ids in order")
                .containsExactlyElementsOf(expected.stream().map(UpstreamEvent::id).toList());
        for (int i = 0; i < got.size(); i++) {
            assertJsonEqual(got.get(i), expected.get(i).json());
        }
    }
}
