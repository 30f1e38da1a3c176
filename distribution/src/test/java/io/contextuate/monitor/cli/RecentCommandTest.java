package io.contextuate.monitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.conformance.UpstreamEvent;
import io.contextuate.monitor.spi.json.CanonicalJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecentCommandTest {

    @TempDir
    static Path dir;

    static SampleStore store;

    @BeforeAll
    static void writeStore() throws Exception {
        store = SampleStore.write(dir);
    }

    @Test
    void jsonLinesAreTheNewestEventsAcrossSessionsNewestFirst() {
        int n = 15;

        CommandResult r = CommandResult.run("--config", store.configFile().toString(),
                "recent", "--limit", Integer.toString(n), "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> lines = r.jsonLines();
        assertThat(lines).hasSize(n);
        List<Long> times = lines.stream().map(l -> l.get("timestamp").longValue()).toList();
        assertThat(times).isSortedAccordingTo(Comparator.reverseOrder());
        List<Long> newest = store.dataset().distinctEvents().stream().map(UpstreamEvent::timestamp)
                .sorted(Comparator.reverseOrder()).limit(n).toList();
        assertThat(times).containsExactlyElementsOf(newest);
        for (JsonNode line : lines) {
            UpstreamEvent written = store.dataset()
                    .event(line.get("sessionId").textValue(), line.get("id").textValue()).orElseThrow();
            assertThat(CanonicalJson.equal(line, written.json())).isTrue();
        }
    }

    @Test
    void humanOutputNamesTheSessionOfEachEvent() {
        CommandResult r = CommandResult.run("--config", store.configFile().toString(), "recent", "--limit", "4");

        assertThat(r.exitCode()).isZero();
        assertThat(r.lines()).hasSize(5);
        assertThat(r.lines().get(0)).startsWith("TIME (UTC)").contains("SESSION");
    }
}
