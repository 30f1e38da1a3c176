package io.contextuate.monitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.json.MonitorJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A heap too small for the store (a 25 MiB event in a 40 MiB heap) ends the migration with a clear message, the
 * checkpoint saved and the summary written (exit 1), not a raw OutOfMemoryError; with a larger heap the same command
 * finishes the job.
 */
class SmallHeapTest {

    @TempDir
    Path dir;

    @Test
    void aHeapTooSmallEndsWithAMessageASummaryAndACheckpointAndALargerHeapFinishes() throws Exception {
        Path source = SampleStore.write(dir.resolve("sample")).baseDir();
        appendLargeEvent(source, 25 * 1024 * 1024);
        Path target = dir.resolve("target");
        Path summary = dir.resolve("summary.json");
        Path checkpoint = dir.resolve("checkpoint.jsonl");
        String[] migrate = {"migrate", "--from", source.toString(), "--to", target.toString(), "--summary",
            summary.toString(), "--checkpoint", checkpoint.toString(), "--rejects", dir.resolve("rejects").toString()};

        CommandResult small = CliProcess.run(dir, List.of("-Xmx40m"), migrate);

        assertThat(small.exitCode()).as(small.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(small.err()).as(small.toString()).doesNotContain("Exception in thread")
                .doesNotContain("\tat ");
        assertThat(small.out() + small.err()).contains("Java heap (at most").contains("-Xmx");
        JsonNode written = MonitorJson.parse(Files.readAllBytes(summary));
        assertThat(written.path("outcome").asText()).isEqualTo("stopped_out_of_memory");
        assertThat(checkpoint).exists();

        CommandResult large = CliProcess.run(dir, List.of("-Xmx768m"), migrate);

        assertThat(large.exitCode()).as(large.toString()).isEqualTo(ExitCode.OK);
    }

    /** One event with a string of {@code bytes} characters, appended as upstream appends. */
    private static void appendLargeEvent(Path store, int bytes) throws IOException {
        Path session;
        try (var s = Files.list(store.resolve("sessions"))) {
            session = s.filter(p -> Files.exists(p.resolve("events.jsonl"))).findFirst().orElseThrow();
        }
        var event = MonitorJson.newObject().put("id", "huge").put("timestamp", 1L)
                .put("sessionId", session.getFileName().toString()).put("machineId", "m").put("workingDirectory", "/w")
                .put("eventType", "tool_call").put("hookType", "PreToolUse");
        event.putObject("data").put("blob", "x".repeat(bytes));
        Files.write(session.resolve("events.jsonl"), (new String(MonitorJson.toBytes(event), StandardCharsets.UTF_8)
                + "\n").getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
    }
}
