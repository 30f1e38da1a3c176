package io.contextuate.monitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.spi.MonitorStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code contextuate-monitor sync} and {@code sync status}. */
class SyncCommandTest {

    @TempDir
    Path tmp;

    private static long events(Path store) {
        try (MonitorStore s = MonitorPersistence.open(MonitorConfig.forStore(store))) {
            return s.stats().events();
        }
    }

    private static String eventLine(String session, String id) {
        return "{\"id\":\"" + id + "\",\"timestamp\":1761000000000,\"sessionId\":\"" + session + "\",\"machineId\":"
                + "\"m\",\"workingDirectory\":\"/w\",\"eventType\":\"tool_call\",\"hookType\":\"PreToolUse\","
                + "\"data\":{}}\n";
    }

    @Test
    void syncWithoutFollowBringsTheTargetUpToDateAndStatusTellsWhatIsBehind() throws Exception {
        SampleStore source = SampleStore.write(tmp.resolve("src"));
        Path target = tmp.resolve("dst");
        String state = tmp.resolve("state").toString();

        CommandResult r = CommandResult.run("sync", "--from", source.baseDir().toString(), "--to", target.toString(),
                "--state", state);

        assertThat(r.exitCode()).as(r.toString()).isIn(ExitCode.OK, ExitCode.REJECTED);
        assertThat(r.out()).contains("Up to date");
        assertThat(events(target)).isEqualTo(source.dataset().distinctEvents().size());
        CommandResult upToDate = CommandResult.run("sync", "status", "--state", state, "--json");
        assertThat(upToDate.exitCode()).as(upToDate.toString()).isZero();
        JsonNode status = upToDate.jsonLines().get(0);
        assertThat(status.path("sessionsBehind").asLong()).isZero();
        assertThat(status.path("linesBehind").asLong()).isZero();
        assertThat(status.path("lagSeconds").asLong()).isZero();

        Path events = source.baseDir().resolve("sessions/newone/events.jsonl");
        Files.createDirectories(events.getParent());
        Files.writeString(events, eventLine("newone", "n1") + eventLine("newone", "n2"), StandardOpenOption.CREATE);
        JsonNode behind = CommandResult.run("sync", "status", "--state", state, "--json").jsonLines().get(0);
        assertThat(behind.path("sessionsBehind").asLong()).isEqualTo(1);
        assertThat(behind.path("linesBehind").asLong()).isEqualTo(2);
        assertThat(CommandResult.run("sync", "status", "--state", state).out()).contains("LINES BEHIND");

        assertThat(CommandResult.run("sync", "--from", source.baseDir().toString(), "--to", target.toString(),
                "--state", state).exitCode()).isIn(ExitCode.OK, ExitCode.REJECTED);
        assertThat(events(target)).isEqualTo(source.dataset().distinctEvents().size() + 2);
    }

    @Test
    void aSyncWithoutSourceOrTargetIsAUsageError() {
        assertThat(CommandResult.run("sync", "--to", tmp.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CommandResult.run("sync", "--from", tmp.resolve("nowhere").toString(), "--to", tmp.toString())
                .exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CommandResult.run("sync", "--from", tmp.toString(), "--to", tmp.toString(), "--poll-interval",
                "soon").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void followCarriesAppendsAsTheyComeAndSigtermStopsItWithEveryPositionSavedAndExitZero() throws Exception {
        Path source = tmp.resolve("src");
        Path events = source.resolve("sessions/s1/events.jsonl");
        Files.createDirectories(events.getParent());
        Files.writeString(events, eventLine("s1", "a"));
        Path target = tmp.resolve("dst");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ContextuateMonitor.class.getName(),
                "sync", "--from", source.toString(), "--to", target.toString(), "--follow",
                "--state", tmp.resolve("state").toString()));
        Path out = tmp.resolve("sync.out");
        Process sync = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            awaitEvents(target, 1);
            Process node = new ProcessBuilder("node", "-e",
                    "require('fs').appendFileSync(process.argv[1], process.argv[2])", events.toString(),
                    eventLine("s1", "b")).inheritIO().start();
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
            awaitEvents(target, 2);

            sync.destroy(); // SIGTERM
            assertThat(sync.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            sync.destroyForcibly();
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(sync.exitValue()).as(printed).isZero();
        assertThat(printed).contains("Stopped; every confirmed position is saved.");
        JsonNode status = CommandResult.run("sync", "status", "--state", tmp.resolve("state").toString(), "--json")
                .jsonLines().get(0);
        assertThat(status.path("linesBehind").asLong()).isZero();
        assertThat(status.path("running").asBoolean()).isFalse();
    }

    private static void awaitEvents(Path target, long n) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (Files.exists(target) && events(target) >= n) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(events(target)).isEqualTo(n);
    }
}
