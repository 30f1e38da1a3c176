package io.contextuate.monitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code contextuate-monitor sync --from ~/.contextuate/monitor --to team.json --follow} as a user types it: the
 * packaged launcher, the default source and state folders under the user's home, a real database as the target,
 * upstream's own append call (Node's {@code fs.appendFileSync}) writing while it follows, and SIGTERM to stop it.
 */
class SyncLauncherIT {

    @TempDir
    Path home;

    @ParameterizedTest
    @EnumSource(ServerDatabase.Kind.class)
    void theTypedFollowCommandCarriesUpstreamsAppendsIntoADatabaseAndStopsOnSigtermWithExitZero(
            ServerDatabase.Kind kind) throws Exception {
        Path monitor = home.resolve(".contextuate/monitor");
        Path events = monitor.resolve("sessions/s1/events.jsonl");
        Files.createDirectories(events.getParent());
        Files.writeString(monitor.resolve("sessions/s1/meta.json"), """
                {
                  "sessionId": "s1",
                  "machineId": "m",
                  "workingDirectory": "/w",
                  "startTime": 1761000000000,
                  "status": "active",
                  "childSessionIds": [],
                  "tokenUsage": {
                    "totalInput": 0,
                    "totalOutput": 0
                  }
                }""");
        Files.writeString(events, eventLine("a"));
        try (ServerDatabase database = ServerDatabase.create(kind)) {
            Path team = database.writeConfig(home.resolve(".contextuate"));
            Path out = home.resolve("sync.out");
            ProcessBuilder pb = new ProcessBuilder(LauncherRun.home().resolve("bin/contextuate-monitor").toString(),
                    "-v", "sync", "--from", monitor.toString(), "--to",
                    team.toString(), "--follow")
                    .directory(home.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().putAll(user());
            Process sync = pb.start();
            try {
                awaitEvents(team, 1, out);
                for (String id : List.of("b", "c", "d")) {
                    Process node = new ProcessBuilder("node", "-e",
                            "require('fs').appendFileSync(process.argv[1], process.argv[2])", events.toString(),
                            eventLine(id)).inheritIO().start();
                    assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
                awaitEvents(team, 4, out);
                sync.destroy(); // SIGTERM, as systemd stops the unit
                assertThat(sync.waitFor(90, TimeUnit.SECONDS)).isTrue();
            } finally {
                sync.destroyForcibly();
            }
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(sync.exitValue()).as(printed).isZero();
            assertThat(printed).contains("Stopped; every confirmed position is saved.").doesNotContain("\tat ");

            CommandResult status = LauncherRun.run(home, user(), List.of(
                    LauncherRun.home().resolve("bin/contextuate-monitor").toString(), "sync", "status", "--json"));
            assertThat(status.exitCode()).as(status.toString()).isZero();
            JsonNode pair = status.jsonLines().get(0);
            assertThat(pair.path("linesBehind").asLong()).isZero();
            assertThat(pair.path("sessionsBehind").asLong()).isZero();
            assertThat(Files.isDirectory(home.resolve(".contextuate/sync"))).as("the default state folder").isTrue();
            assertThat(monitor.resolve(".index")).as("the source is only read").doesNotExist();
        }
    }

    /** The user whose home is the test's folder (Java takes its home from the password database, not HOME). */
    private Map<String, String> user() {
        return Map.of("HOME", home.toString(), "JAVA_OPTS", "-Duser.home=" + home);
    }

    private static String eventLine(String id) {
        return "{\"id\":\"" + id + "\",\"timestamp\":1761000000000,\"sessionId\":\"s1\",\"machineId\":\"m\","
                + "\"workingDirectory\":\"/w\",\"eventType\":\"tool_call\",\"hookType\":\"PreToolUse\",\"data\":{}}\n";
    }

    private void awaitEvents(Path team, int n, Path out) throws Exception {
        for (int i = 0; i < 120; i++) {
            CommandResult r = LauncherRun.launcher(home, "--config", team.toString(), "events", "s1", "--json");
            if (r.exitCode() == 0 && r.jsonLines().size() >= n) {
                assertThat(r.jsonLines()).hasSize(n);
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the target did not reach " + n + " events of s1; sync printed:\n"
                + Files.readString(out, StandardCharsets.UTF_8));
    }
}
