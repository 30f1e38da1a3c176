package io.contextuate.monitor.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamDataTest {

    private final UpstreamDataset data = UpstreamData.generate(UpstreamDataOptions.small(42).withLargePayloads(2_000, 1_000));

    @Test
    void theSameSeedGivesTheSameBytes() {
        UpstreamDataset again = UpstreamData.generate(UpstreamDataOptions.small(42).withLargePayloads(2_000, 1_000));
        assertThat(UpstreamStoreWriter.eventsFileBytes(again.allLines()))
                .isEqualTo(UpstreamStoreWriter.eventsFileBytes(data.allLines()));
        assertThat(again.sessionRecords().stream().map(s -> new String(s.metaJson())).toList())
                .isEqualTo(data.sessionRecords().stream().map(s -> new String(s.metaJson())).toList());
    }

    @Test
    void anotherSeedGivesOtherData() {
        UpstreamDataset other = UpstreamData.generate(UpstreamDataOptions.small(43).withLargePayloads(2_000, 1_000));
        assertThat(other.sessions().get(0).sessionId()).isNotEqualTo(data.sessions().get(0).sessionId());
    }

    @Test
    void everyKnownTypeAppearsWithUnknownAndUnseenOnes() {
        Set<String> events = data.allEventRecords().stream().map(e -> e.eventType().value()).collect(Collectors.toSet());
        Set<String> hooks = data.allEventRecords().stream().map(e -> e.hookType().value()).collect(Collectors.toSet());
        assertThat(events).containsAll(EventType.knownValues()).contains(UpstreamData.UNSEEN_EVENT_TYPE);
        assertThat(hooks).containsAll(HookType.knownValues())
                .contains("Unknown", UpstreamData.UNSEEN_HOOK_TYPE, UpstreamData.UNRECOGNISED_HOOK);
    }

    @Test
    void sessionIdsHaveTheThreeUpstreamShapes() {
        List<String> ids = data.sessions().stream().map(UpstreamSessionData::sessionId).toList();
        assertThat(ids).anyMatch(id -> id.matches("[0-9a-f]{16}"))
                .anyMatch(id -> id.matches("[0-9a-f]{8}"))
                .anyMatch(id -> !id.matches("[0-9a-f]+") && id.length() >= 8 && id.length() <= 17)
                .doesNotHaveDuplicates();
    }

    @Test
    void eventIdsAreMostlyUuidsAndSometimesNot() {
        List<String> ids = data.distinctEvents().stream().map(UpstreamEvent::id).toList();
        String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
        assertThat(ids).anyMatch(id -> id.matches(uuid)).anyMatch(id -> !id.matches(uuid));
    }

    @Test
    void everyLineReadsBackJsonEqualToItsSource() throws Exception {
        for (UpstreamEvent e : data.allLines()) {
            JsonNode reread = MonitorJson.parse(e.line());
            assertThat(CanonicalJson.equal(reread, e.json())).isTrue();
            assertThat(CanonicalJson.equal(MonitorJson.toJson(e.event()), e.json())).as(e.id()).isTrue();
        }
        for (UpstreamSession s : data.sessionRecords()) {
            assertThat(CanonicalJson.equal(MonitorJson.toJson(s.meta()), s.json())).as(s.sessionId()).isTrue();
        }
    }

    @Test
    void holdsTheShapesRealStoresHave() {
        List<SessionMeta> metas = data.sessionMetas();
        assertThat(metas).anyMatch(s -> s.sessionId().equals(s.parentSessionId()))
                .anyMatch(s -> s.endTime() != null && s.endTime() < s.startTime())
                .anyMatch(s -> s.isPinned() == null && s.isUserInitiated() == null)
                .anyMatch(s -> s.parentSessionId() != null && data.sessions().stream()
                        .noneMatch(d -> d.sessionId().equals(s.parentSessionId())))
                .anyMatch(s -> !s.extra().isEmpty());
        assertThat(data.sessions()).anyMatch(s -> s.session() == null && !s.lines().isEmpty())
                .anyMatch(s -> s.session() != null && s.lines().isEmpty());
        assertThat(data.sessionRecords()).anyMatch(s -> lastKey(s.json()).equals("parentSessionId"));
        assertThat(data.allLines()).anyMatch(e -> lastKey(e.json()).equals("parentSessionId"))
                .anyMatch(e -> !e.event().extra().isEmpty())
                .anyMatch(e -> e.event().data().isEmpty())
                .anyMatch(e -> e.event().workingDirectory().contains("\\"));
    }

    @Test
    void aChildIsWrittenBeforeItsParent() {
        List<String> order = data.sessions().stream().map(UpstreamSessionData::sessionId).toList();
        assertThat(data.sessionMetas()).anyMatch(s -> s.parentSessionId() != null
                && order.indexOf(s.sessionId()) >= 0 && order.indexOf(s.parentSessionId()) > order.indexOf(s.sessionId()));
    }

    @Test
    void linesComeOutOfTimestampOrderWithDuplicatesAndTies() {
        UpstreamSessionData main = data.sessions().stream().filter(s -> s.lines().size() > 20).findFirst().orElseThrow();
        List<UpstreamEvent> lines = main.lines();
        boolean outOfOrder = false;
        for (int i = 1; i < lines.size(); i++) {
            outOfOrder |= lines.get(i).timestamp() < lines.get(i - 1).timestamp();
        }
        assertThat(outOfOrder).isTrue();
        assertThat(lines.size()).isGreaterThan(main.distinctEvents().size());
        assertThat(data.sessions()).anyMatch(s -> s.distinctEvents().stream().map(UpstreamEvent::timestamp)
                .distinct().count() < s.distinctEvents().size());
    }

    @Test
    void carriesTheHardValues() {
        String all = new String(UpstreamStoreWriter.eventsFileBytes(data.allLines()), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(all).contains("\\u0000", "\\ud83d\"", "\ud83d\ude00", "C:\\\\Users", "123456789012345678901234567890",
                "<synthetic>", "\"thinkingBlocks\"", "\"agentId\"", "\"cacheRead\"");
        assertThat(data.allEventRecords()).anyMatch(e -> depth(e.data()) >= 300);
    }

    @Test
    void largePayloadsHaveTheAskedSize() {
        UpstreamDataset big = UpstreamData.generate(UpstreamDataOptions.small(1).withLargePayloads(300_000, 3));
        assertThat(big.allLines()).filteredOn(e -> e.line().length > 300_000).hasSizeGreaterThan(2);
    }

    private static String lastKey(JsonNode o) {
        String last = null;
        for (var it = o.fieldNames(); it.hasNext(); ) {
            last = it.next();
        }
        return last;
    }

    private static int depth(JsonNode n) {
        int max = 0;
        for (JsonNode child : n) {
            max = Math.max(max, depth(child));
        }
        return n.isContainerNode() ? max + 1 : 0;
    }
}
