package io.contextuate.monitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's class data sharing archive: made once in the user's cache, used afterwards, never in the way. */
class ClassDataSharingIT {

    @TempDir
    Path dir;

    private static List<String> launcher(String... args) {
        List<String> command = new ArrayList<>();
        command.add(LauncherRun.home().resolve("bin/contextuate-monitor").toString());
        command.addAll(List.of(args));
        return command;
    }

    private List<Path> archives(Path cache) throws Exception {
        Path folder = cache.resolve("contextuate-monitor");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    @Test
    void theFirstRunMakesTheArchiveAndTheNextRunsLoadTheirClassesFromIt() throws Exception {
        Path cache = dir.resolve("cache");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());

        CommandResult first = LauncherRun.run(dir, env, launcher("backends"));

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(archives(cache)).hasSize(1);
        CommandResult second = LauncherRun.run(dir, env, launcher("backends"));
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(second.err()).isEqualTo(first.err());
        CommandResult traced = LauncherRun.run(dir, Map.of("XDG_CACHE_HOME", cache.toString(),
                "JAVA_OPTS", "-Xlog:class+load=info"), launcher("backends"));
        assertThat(traced.out()).as("the command line's own classes come from the archive")
                .containsPattern("io\\.contextuate\\.monitor\\.cli\\.ContextuateMonitor source: shared objects file");
        assertThat(archives(cache)).hasSize(1);
    }

    @Test
    void aRunUnderTheFlightRecorderGoesWithoutTheArchiveRatherThanCrash() throws Exception {
        Path cache = dir.resolve("cache");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
        assertThat(LauncherRun.run(dir, env, launcher("--version")).exitCode()).isZero();
        assertThat(archives(cache)).hasSize(1);
        try (ServerDatabase database = ServerDatabase.create(ServerDatabase.Kind.POSTGRESQL)) {
            String config = database.writeConfig(dir).toString();
            // Java 17 aborted in KlassFactory::check_shared_class_file_load_hook on this command with the archive
            for (String variable : List.of("JAVA_OPTS", "JDK_JAVA_OPTIONS")) {
                CommandResult r = LauncherRun.run(dir, Map.of("XDG_CACHE_HOME", cache.toString(), variable,
                        "-XX:StartFlightRecording=filename=" + dir.resolve(variable + ".jfr")),
                        launcher("--config", config, "stats"));

                assertThat(r.exitCode()).as(variable + ": " + r).isZero();
                assertThat(dir.resolve(variable + ".jfr")).exists();
            }
        }
    }

    @Test
    void switchedOffNothingIsWrittenAndTheClassesLoadAsUsual() throws Exception {
        Path cache = dir.resolve("cache");

        CommandResult r = LauncherRun.run(dir, Map.of("XDG_CACHE_HOME", cache.toString(),
                "CONTEXTUATE_MONITOR_CDS", "off", "JAVA_OPTS", "-Xlog:class+load=info"), launcher("backends"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(cache).doesNotExist();
        assertThat(r.out()).doesNotContain("io.contextuate.monitor.cli.ContextuateMonitor source: shared objects file");
    }

    @Test
    void aCacheThatCannotBeWrittenOrADamagedArchiveDoesNotStopTheCommand() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("cache-file"), "not a folder");
        CommandResult unwritable = LauncherRun.run(dir, Map.of("XDG_CACHE_HOME", notAFolder.toString()),
                launcher("backends"));
        assertThat(unwritable.exitCode()).as(unwritable.toString()).isZero();
        assertThat(unwritable.err()).isEmpty();

        Path cache = dir.resolve("cache");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
        CommandResult made = LauncherRun.run(dir, env, launcher("backends"));
        Path archive = archives(cache).get(0);
        archive.toFile().setWritable(true);
        Files.write(archive, new byte[] {1, 2, 3, 4});

        CommandResult damaged = LauncherRun.run(dir, env, launcher("backends"));

        assertThat(damaged.exitCode()).as(damaged.toString()).isZero();
        assertThat(damaged.out()).isEqualTo(made.out());
        assertThat(damaged.err()).isEqualTo(made.err());
        assertThat(unwritable.out()).isEqualTo(made.out());
    }

    @Test
    void aChangedInstallationGetsANewArchiveInPlaceOfItsOld() throws Exception {
        Path installation = LauncherRun.copyTree(LauncherRun.home(), dir.resolve("contextuate-monitor"));
        String launcher = installation.resolve("bin/contextuate-monitor").toString();
        Path cache = dir.resolve("cache");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
        LauncherRun.run(dir, env, List.of(launcher, "--version"));
        List<Path> before = archives(cache);
        Path classList = installation.resolve("lib/classlist");
        // as a rebuild a moment later leaves it: same size, two seconds newer
        Files.setLastModifiedTime(classList, FileTime.fromMillis(Files.getLastModifiedTime(classList).toMillis()
                + 2_000));

        CommandResult r = LauncherRun.run(dir, env, List.of(launcher, "--version"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(before).hasSize(1);
        assertThat(archives(cache)).hasSize(1).doesNotContainAnyElementsOf(before);
    }
}
