package io.contextuate.monitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.conformance.UpstreamEvent;
import io.contextuate.monitor.conformance.UpstreamSessionData;
import io.contextuate.monitor.spi.json.CanonicalJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventsCommandTest {

    @TempDir
    static Path dir;

    static SampleStore store;

    @BeforeAll
    static void writeStore() throws Exception {
        store = SampleStore.write(dir);
    }

    /** The session with the most distinct events. */
    private static UpstreamSessionData busiest() {
        return store.dataset().sessions().stream()
                .max(Comparator.comparingInt(s -> s.distinctEvents().size()))
                .orElseThrow();
    }

    private static List<String> ids(List<JsonNode> lines) {
        return lines.stream().map(l -> l.get("id").textValue()).toList();
    }

    @Test
    void jsonLinesAreTheNewestEventsOldestFirstAsUpstreamWroteThem() {
        UpstreamSessionData session = busiest();
        List<UpstreamEvent> inOrder = session.eventsInStoreOrder();
        int n = 5;

        CommandResult r = CommandResult.run("--config", store.configFile().toString(),
                "events", session.sessionId(), "--limit", Integer.toString(n), "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<UpstreamEvent> expected = inOrder.subList(inOrder.size() - n, inOrder.size());
        List<JsonNode> lines = r.jsonLines();
        assertThat(ids(lines)).containsExactlyElementsOf(expected.stream().map(UpstreamEvent::id).toList());
        for (int i = 0; i < n; i++) {
            assertThat(CanonicalJson.equal(lines.get(i), expected.get(i).json())).isTrue();
        }
    }

    @Test
    void boundsAreExclusive() {
        UpstreamSessionData session = busiest();
        List<UpstreamEvent> inOrder = session.eventsInStoreOrder();
        long after = inOrder.get(1).timestamp();
        long before = inOrder.get(inOrder.size() - 2).timestamp();

        CommandResult r = CommandResult.run("--config", store.configFile().toString(), "events",
                session.sessionId(), "--after", Long.toString(after), "--before", Long.toString(before), "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> expected = inOrder.stream()
                .filter(e -> e.timestamp() > after && e.timestamp() < before)
                .map(UpstreamEvent::id).toList();
        assertThat(ids(r.jsonLines())).containsExactlyElementsOf(expected);
    }

    @Test
    void humanOutputListsOneEventPerLineUnderAHeader() {
        UpstreamSessionData session = busiest();

        CommandResult r = CommandResult.run("--config", store.configFile().toString(), "events", session.sessionId());

        assertThat(r.exitCode()).isZero();
        assertThat(r.lines()).hasSize(session.distinctEvents().size() + 1);
        assertThat(r.lines().get(0)).startsWith("TIME (UTC)").contains("EVENT TYPE", "HOOK");
    }

    @Test
    void anUnknownSessionFailsWithOneLine() {
        CommandResult r = CommandResult.run("--config", store.configFile().toString(), "events", "no-such-session");

        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(r.err()).contains("no-such-session");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingSessionArgumentIsAUsageError() {
        CommandResult r = CommandResult.run("--config", store.configFile().toString(), "events");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
