package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.EventFingerprints;
import io.contextuate.monitor.spi.EventFingerprints.SessionFingerprint;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.contextuate.monitor.postgresql.TestEvents.session;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fingerprints PostgreSQL sums of the rows it holds are the ones the client computes for the events it was given,
 * though {@code jsonb} keeps a payload's meaning rather than its text: members sorted and unique, numbers and strings
 * spelled its own way.
 */
class ServerFingerprintsTest {

    private static TestDatabase db;
    private static MonitorStore store;

    @BeforeAll
    static void openStore() {
        db = TestDatabase.create();
        store = db.open();
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

    /** Payloads as upstream might write them, each as JSON text. */
    private static final List<String> PAYLOADS = List.of(
            "{\"toolName\":\"Bash\"}",
            "{ \"b\" : [1, 2.50, \"\\u00e9\\n\\\"\"],  \"a\":null, \"c\": true, \"d\": false, \"e\": {}, \"f\": [] }",
            "{\"n\": [0, -0, -0.0, 1.0, 1.50, 1e2, 1E+2, 1.5e1, 1e-2, 100e-1, -12.340e-5, 0.000, 1e20, 5E-20,"
                    + " 123456789012345678901234567890, -98765432109876543210.0123456789]}",
            "{\"bb\": 1, \"a\": 2, \"ccc\": 3, \"b\": 4, \"\u00e9\": 5, \"z\": 6, \"\": 7, \"aa\": {\"y\": 1, \"x\": [2]}}",
            "{\"a\": 1, \"b\": 2, \"a\": {\"later\": true}}",
            "{\"control\": \"\\u0001\\u001f\\b\\f\\n\\r\\t\\\"\\\\\\/ \\u007f \u2028 caf\u00e9 \ud83d\ude00\","
                    + " \"tab\\tkey\": \"\\u00e9\"}",
            "{\"nested\": [[1, [2, {\"k\": [3, {}]}]], {\"z\": null, \"y\": [true, false]}]}",
            "{\"unsafe\": \"nul \\u0000 here\", \"lone\": \"\\ud800 alone\"}",
            "{\"output\": \"" + "y\\n".repeat(100_000) + "\"}");

    @Test
    void theServersSumOfASessionsFingerprintsIsTheSumOfTheOnesComputedForItsEvents() {
        EventFingerprints fingerprints = store.eventFingerprints().orElseThrow();
        store.saveSession(session("all", 1));
        List<MonitorEvent> events = new ArrayList<>();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            events.add(event("all", "e" + i, 1000 + i, PAYLOADS.get(i), i % 2 == 0 ? "" : ",\"parentSessionId\":\"p\","
                    + "\"eventType\":\"brand_new_type\",\"hookType\":\"BrandNewHook\",\"future\":{\"x\":1.0}"));
        }
        store.saveEvents(events);

        SessionFingerprint expected = SessionFingerprint.NONE;
        for (MonitorEvent e : events) {
            expected = expected.plus(fingerprints.of(e).orElseThrow());
            // each also alone in a session of its own, so that a fingerprint computed otherwise names its payload
            MonitorEvent alone = e.toBuilder().sessionId("alone-" + e.id()).build();
            store.saveSession(session(alone.sessionId(), 1));
            store.saveEvents(List.of(alone));
            assertThat(fingerprints.session(alone.sessionId())).as(e.data().toString().substring(0,
                            Math.min(200, e.data().toString().length())))
                    .isEqualTo(SessionFingerprint.NONE.plus(fingerprints.of(alone).orElseThrow()));
        }
        assertThat(fingerprints.session("all")).isEqualTo(expected);
        assertThat(fingerprints.session("no-such-session")).isEqualTo(SessionFingerprint.NONE);

        // other text, the same jsonb: the same sum; another value: another sum
        db.execute("UPDATE public.events SET data = '{\"toolName\" :   \"Bash\"}' WHERE id = 'e0'");
        assertThat(fingerprints.session("all")).isEqualTo(expected);
        db.execute("UPDATE public.events SET data = '{\"toolName\": \"Bash!\"}' WHERE id = 'e0'");
        assertThat(fingerprints.session("all")).isNotEqualTo(expected)
                .extracting(SessionFingerprint::events).isEqualTo(expected.events());
    }

    private static MonitorEvent event(String sessionId, String id, long timestamp, String data, String more) {
        String type = more.isEmpty() ? ",\"eventType\":\"tool_call\",\"hookType\":\"PreToolUse\"" : "";
        return MonitorJson.readEvent(("{\"id\":\"" + id + "\",\"sessionId\":\"" + sessionId + "\",\"timestamp\":"
                + timestamp + ",\"machineId\":\"m\",\"workingDirectory\":\"/w\"" + type + more + ",\"data\":" + data
                + "}").getBytes(StandardCharsets.UTF_8));
    }
}
