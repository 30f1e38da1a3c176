package io.contextuate.monitor.postgresql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.StoreStats;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;
import io.contextuate.monitor.spi.model.TokenUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strings built to break SQL (quotes, comments, statement separators, dollar quotes, template and parameter syntax,
 * COPY's escapes) are stored verbatim in every text field, through single writes and the COPY bulk path.
 */
class SqlInjectionTest {

    private static final List<String> HOSTILE = List.of(
            "'); DROP TABLE events; --",
            "' OR '1'='1",
            "\\'; DELETE FROM sessions; --",
            "$$; DROP TABLE sessions; $$",
            "<events> <sessions> <schema>",
            ":id :sessionId ? ?? $1",
            "a\tb\nc\r\\N\\.\\\\",
            "\"quoted\" `back` ; /* comment */ -- end",
            "E'\\x27' U&'\\0027'");

    private static TestDatabase db;
    private static MonitorStore store;

    @BeforeAll
    static void openStore() {
        db = TestDatabase.create();
        store = db.open(Map.of("schema", "inj", "tablePrefix", "p_"));
    }

    @AfterAll
    static void closeStore() {
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void hostileStringsInEveryEventFieldComeBackVerbatimFromSingleAndBulkWrites() {
        List<MonitorEvent> singles = new ArrayList<>();
        List<MonitorEvent> bulk = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            singles.add(hostileEvent(HOSTILE.get(i), "single", i));
        }
        for (int i = 0; i < PostgresDialect.COPY_THRESHOLD * 2; i++) {
            bulk.add(hostileEvent(HOSTILE.get(i % HOSTILE.size()), "bulk", i));
        }

        singles.forEach(e -> assertThat(store.saveEvent(e)).isTrue());
        assertThat(store.saveEvents(bulk)).isEqualTo(bulk.size());

        for (MonitorEvent e : concat(singles, bulk)) {
            MonitorEvent back = store.getEventById(e.sessionId(), e.id()).orElseThrow();
            assertThat(CanonicalJson.equal(MonitorJson.toJson(back), MonitorJson.toJson(e)))
                    .as("event %s", e.id()).isTrue();
        }
        assertThat(store.getEvents(HOSTILE.get(0) + "-session", EventQuery.defaults())).isNotEmpty();
    }

    @Test
    void hostileStringsInEverySessionFieldComeBackVerbatim() {
        for (String s : HOSTILE) {
            Map<String, JsonNode> extra = new LinkedHashMap<>();
            extra.put(s, TextNode.valueOf(s));
            Map<String, JsonNode> tokenExtra = new LinkedHashMap<>();
            tokenExtra.put(s, TextNode.valueOf(s));
            SessionMeta session = SessionMeta.builder().sessionId(s + "-meta").machineId(s).workingDirectory(s)
                    .startTime(10).endTime(5L).status(SessionStatus.of(s)).parentSessionId(s + "-parent")
                    .childSessionIds(List.of(s, s + "-2")).tokenUsage(new TokenUsage(1, 2, 3L, 4L, tokenExtra))
                    .hidden(false).agentType(s).isUserInitiated(true).isPinned(false).manualParentSessionId(s)
                    .label(s).model(s).transcriptPath(s).extra(extra).build();

            store.saveSession(session);

            SessionMeta back = store.getSession(session.sessionId()).orElseThrow();
            assertThat(CanonicalJson.equal(MonitorJson.toJson(back), MonitorJson.toJson(session)))
                    .as("session %s", s).isTrue();
            assertThat(store.getSessions(SessionQuery.all().withStatus(SessionStatus.of(s))))
                    .extracting(SessionMeta::sessionId).containsExactly(session.sessionId());
        }
        StoreStats stats = store.stats();
        assertThat(stats.sessions()).isGreaterThanOrEqualTo(HOSTILE.size());
    }

    private static MonitorEvent hostileEvent(String s, String kind, int n) {
        ObjectNode data = MonitorJson.newObject();
        data.put("toolName", s);
        data.put(s, s);
        data.putObject("toolInput").put("command", s);
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        extra.put(s, TextNode.valueOf(s));
        return MonitorEvent.builder().id(s + "-" + kind + "-" + n).timestamp(1000 + n).sessionId(s + "-session")
                .parentSessionId(s + "-parent").machineId(s).workingDirectory(s).eventType(EventType.of(s))
                .hookType(HookType.of(s)).data(data).extra(extra).build();
    }

    private static List<MonitorEvent> concat(List<MonitorEvent> a, List<MonitorEvent> b) {
        List<MonitorEvent> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
