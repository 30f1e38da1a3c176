package io.contextuate.monitor.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution's {@code lib/} works as a module path with every backend: every command a user runs against a
 * real PostgreSQL and a real MariaDB store (and the file store), with
 * {@code java --module-path lib -m io.contextuate.monitor.cli/...}.
 */
class ModulePathIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ServerDatabase.Kind.class)
    void schemaMigrateAndReadCommandsRunOnTheModulePath(ServerDatabase.Kind kind) throws Exception {
        Path sampleStore = LauncherRun.home().getParent().getParent().getParent().resolve("examples/sample-store");
        try (ServerDatabase database = ServerDatabase.create(kind)) {
            Path config = database.writeConfig(dir);

            CommandResult fresh = onModulePath("--config", config.toString(), "schema", "status");
            assertThat(fresh.exitCode()).as(fresh.toString()).isZero();
            assertThat(fresh.out()).contains("pending");

            CommandResult migrate = onModulePath("migrate", "--from", sampleStore.toString(), "--to",
                    config.toString());
            assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
            assertThat(migrate.out() + migrate.err()).contains("verify: equal");

            CommandResult sessions = onModulePath("--config", config.toString(), "sessions", "--json");
            assertThat(sessions.exitCode()).as(sessions.toString()).isZero();
            assertThat(sessions.jsonLines()).hasSize(6);

            CommandResult events = onModulePath("--config", config.toString(), "recent", "--json");
            assertThat(events.exitCode()).as(events.toString()).isZero();
            assertThat(events.jsonLines()).hasSize(60);

            CommandResult current = onModulePath("--config", config.toString(), "schema", "status");
            assertThat(current.exitCode()).as(current.toString()).isZero();
            assertThat(current.out()).contains("up to date");

            // every other command, each exiting 0 on the module path
            String session = sessions.jsonLines().get(0).path("sessionId").asText();
            List<CommandResult> others = List.of(
                    onModulePath("--config", config.toString(), "events", session, "--json"),
                    onModulePath("--config", config.toString(), "stats", "--json"),
                    onModulePath("--config", config.toString(), "doctor"),
                    onModulePath("--config", config.toString(), "schema", "apply"),
                    onModulePath("--config", config.toString(), "schema", "print"),
                    onModulePath("--config", config.toString(), "prune", "--older-than", "36500d", "--dry-run"),
                    onModulePath("verify", "--from", sampleStore.toString(), "--to", config.toString()),
                    onModulePath("--config", config.toString(), "export", "--dir", dir.resolve("export").toString()),
                    onModulePath("sync", "--from", sampleStore.toString(), "--to", config.toString(), "--state",
                            dir.resolve("state").toString()),
                    onModulePath("sync", "status", "--state", dir.resolve("state").toString()),
                    onModulePath("--config", sampleStore.resolveSibling("sample-config.json").toString(),
                            "sessions"));
            for (CommandResult r : others) {
                assertThat(r.exitCode()).as(r.toString()).isZero();
            }
            List<CommandResult> all = new ArrayList<>(List.of(fresh, migrate, sessions, events, current));
            all.addAll(others);
            for (CommandResult r : all) {
                assertThat(r.out() + r.err()).as(r.toString())
                        .doesNotContain("NoClassDefFoundError").doesNotContain("ServiceConfigurationError");
            }
        }
    }

    private CommandResult onModulePath(String... args) throws Exception {
        Path home = LauncherRun.home();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", home.resolve("lib").toString(),
                "-m", "io.contextuate.monitor.cli/io.contextuate.monitor.cli.ContextuateMonitor"));
        command.addAll(List.of(args));
        return LauncherRun.run(dir, Map.of(), command);
    }
}
