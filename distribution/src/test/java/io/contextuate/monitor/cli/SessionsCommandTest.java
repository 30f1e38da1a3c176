package io.contextuate.monitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.conformance.UpstreamSession;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsCommandTest {

    @TempDir
    static Path dir;

    static SampleStore store;

    @BeforeAll
    static void writeStore() throws Exception {
        store = SampleStore.write(dir);
    }

    private static List<SessionMeta> newestFirst() {
        return store.dataset().sessionMetas().stream()
                .sorted(Comparator.comparingLong(SessionMeta::startTime).reversed()
                        .thenComparing(SessionMeta::sessionId))
                .toList();
    }

    @Test
    void jsonLinesAreTheSessionRecordsAsUpstreamWroteThemNewestFirst() {
        CommandResult r = CommandResult.run("--config", store.configFile().toString(), "sessions", "--all", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> lines = r.jsonLines();
        assertThat(lines).extracting(l -> l.get("sessionId").textValue())
                .containsExactlyElementsOf(newestFirst().stream().map(SessionMeta::sessionId).toList());
        Map<String, UpstreamSession> written = store.dataset().sessionRecords().stream()
                .collect(Collectors.toMap(UpstreamSession::sessionId, Function.identity()));
        for (JsonNode line : lines) {
            assertThat(CanonicalJson.equal(line, written.get(line.get("sessionId").textValue()).json()))
                    .as("session %s is JSON-equal to its meta.json", line.get("sessionId")).isTrue();
        }
    }

    @Test
    void humanOutputIsATableOfTheNewestSessionsWithUtcTimes() {
        CommandResult r = CommandResult.run("--config", store.configFile().toString(), "sessions", "--limit", "3");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.lines();
        assertThat(lines.get(0)).startsWith("SESSION").contains("STATUS", "STARTED (UTC)", "DIRECTORY");
        List<SessionMeta> expected = newestFirst().subList(0, 3);
        for (int i = 0; i < 3; i++) {
            SessionMeta s = expected.get(i);
            assertThat(lines.get(i + 1))
                    .startsWith(HumanFormat.head(s.sessionId(), 20))
                    .contains(java.time.Instant.ofEpochMilli(s.startTime()).toString().substring(0, 19));
        }
        assertThat(lines).last().asString().contains("--all");
    }

    @Test
    void statusKeepsOnlySessionsWithThatStatus() {
        CommandResult r = CommandResult.run("--config", store.configFile().toString(),
                "sessions", "--status", "error", "--all", "--json");

        assertThat(r.exitCode()).isZero();
        long expected = store.dataset().sessionMetas().stream().filter(s -> s.status().value().equals("error")).count();
        assertThat(r.jsonLines()).hasSize((int) expected)
                .allSatisfy(l -> assertThat(l.get("status").textValue()).isEqualTo("error"));
    }

    @Test
    void globalOptionsMayFollowTheCommandName() {
        CommandResult r = CommandResult.run("sessions", "--json", "--limit", "2", "--config",
                store.configFile().toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.jsonLines()).hasSize(2);
    }

    @Test
    void limitAndAllTogetherAreAUsageError() {
        CommandResult r = CommandResult.run("--config", store.configFile().toString(),
                "sessions", "--all", "--limit", "5");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--all").doesNotContain("Exception");
    }

    @Test
    void anUnknownOptionIsAUsageErrorOnOneLineWithAHint() {
        CommandResult r = CommandResult.run("--config", store.configFile().toString(), "sessions", "--bogus");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().lines().toList()).hasSize(2);
        assertThat(r.err()).contains("--bogus").contains("sessions --help").doesNotContain("at picocli");
    }

    @Test
    void aLimitBelowOneIsAUsageError() {
        CommandResult r = CommandResult.run("--config", store.configFile().toString(), "sessions", "--limit", "0");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
