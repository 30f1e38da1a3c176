package io.contextuate.monitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged distribution, run as a user runs it: {@code bin/contextuate-monitor} in a real process. */
class DistributionIT {

    @TempDir
    Path dir;

    @Test
    void theDistributionHasItsLayoutAndAnExecutableLauncher() throws Exception {
        Path home = LauncherRun.home();

        assertThat(Files.getPosixFilePermissions(home.resolve("bin/contextuate-monitor")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(home.resolve("conf/contextuate-monitor.json")).isRegularFile();
        assertThat(home.resolve("lib/classlist")).isRegularFile();
        assertThat(home.resolve("plugins")).isEmptyDirectory();
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("contextuate-monitor-distribution-"))
                    .anyMatch(n -> n.startsWith("contextuate-monitor-backend-file-"))
                    .anyMatch(n -> n.startsWith("slf4j-simple-"))
                    .anyMatch(n -> n.startsWith("picocli-"));
        }
        try (Stream<Path> files = Files.list(home.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".tar.gz"));
        }
    }

    @Test
    void theLauncherRunsTheQuickCompilerAndTheSerialCollectorUnlessJavaOptsChooses() throws Exception {
        List<String> version = List.of(LauncherRun.home().resolve("bin/contextuate-monitor").toString(), "--version");

        CommandResult launcherChooses = LauncherRun.run(dir, Map.of("JAVA_OPTS", "-XX:+PrintFlagsFinal"), version);
        CommandResult userChooses = LauncherRun.run(dir, Map.of("JAVA_OPTS",
                "-XX:+PrintFlagsFinal -XX:TieredStopAtLevel=4 -XX:+UseParallelGC"), version);

        assertThat(launcherChooses.exitCode()).as(launcherChooses.toString()).isZero();
        assertThat(flag(launcherChooses, "TieredStopAtLevel")).isEqualTo("1");
        assertThat(flag(launcherChooses, "UseSerialGC")).isEqualTo("true");
        assertThat(userChooses.exitCode()).as(userChooses.toString()).isZero();
        assertThat(flag(userChooses, "TieredStopAtLevel")).isEqualTo("4");
        assertThat(flag(userChooses, "UseParallelGC")).isEqualTo("true");
        assertThat(flag(userChooses, "UseSerialGC")).isEqualTo("false");
    }

    /** The value {@code -XX:+PrintFlagsFinal} printed for a JVM flag. */
    private static String flag(CommandResult r, String name) {
        return r.out().lines().map(String::trim).filter(l -> l.matches("\\S+\\s+" + name + "\\s+=.*"))
                .map(l -> l.replaceFirst("^[^=]*=\\s*(\\S+).*$", "$1")).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not among the flags printed: " + r));
    }

    @Test
    void sessionsListsAnUpstreamStoreNewestFirst() throws Exception {
        SampleStore store = SampleStore.write(dir);

        CommandResult r = LauncherRun.launcher(dir, "--config", store.configFile().toString(), "sessions");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        String newest = store.dataset().sessionMetas().stream()
                .max(Comparator.comparingLong(SessionMeta::startTime)).orElseThrow().sessionId();
        assertThat(r.lines().get(0)).startsWith("SESSION");
        assertThat(r.lines().get(1)).startsWith(newest);
        assertThat(r.lines()).hasSize(store.dataset().sessionRecords().size() + 1);
        assertThat(r.out()).doesNotContain("WARN");
    }

    @Test
    void exportOfAnUpstreamWrittenStoreIsJsonEqualRecordByRecord() throws Exception {
        SampleStore store = SampleStore.write(dir);
        Path out = dir.resolve("export");

        CommandResult r = LauncherRun.launcher(dir, "--config", store.configFile().toString(),
                "export", "--dir", out.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(StoreComparison.differences(store.dataset(), out)).isEmpty();
    }

    @Test
    void libraryLogsNeverReachStandardOutputEvenAtDebug() throws Exception {
        SampleStore store = SampleStore.write(dir);

        CommandResult r = LauncherRun.launcher(dir, "-vv", "--config", store.configFile().toString(),
                "recent", "--limit", "100000", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> lines = r.jsonLines();
        assertThat(lines).hasSize(store.dataset().distinctEvents().size());
        assertThat(r.err()).contains("DEBUG");
    }

    @Test
    void aBadOptionExitsWithTwoAndPrintsNothingOnStandardOutput() throws Exception {
        CommandResult r = LauncherRun.launcher(dir, "sessions", "--no-such-option");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("--no-such-option").doesNotContain("\tat ");
    }

    @Test
    void theLauncherFindsItsHomeThroughASymbolicLink() throws Exception {
        SampleStore store = SampleStore.write(dir);
        Path link = Files.createSymbolicLink(dir.resolve("cm"),
                LauncherRun.home().resolve("bin/contextuate-monitor"));

        CommandResult r = LauncherRun.run(dir, Map.of(),
                List.of(link.toString(), "--config", store.configFile().toString(), "stats", "--json"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.jsonLines().get(0).get("sessions").longValue())
                .isEqualTo(store.dataset().sessionRecords().size());
    }

    @Test
    void theConfigurationIsFoundInTheWorkingDirectoryAndNotInConf() throws Exception {
        SampleStore store = SampleStore.write(dir);
        Files.copy(store.configFile(), dir.resolve("contextuate-monitor.json"));

        CommandResult r = LauncherRun.launcher(dir, "doctor");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains(dir.resolve("contextuate-monitor.json").toString())
                .doesNotContain(LauncherRun.home().resolve("conf").toString());
    }

    @Test
    void everyLibraryTheDistributionShipsIsManagedByTheBomAtTheVersionShipped() throws Exception {
        String parent = Files.readString(repositoryRoot().resolve("pom.xml"));
        List<String> unmanaged = new ArrayList<>();
        try (Stream<Path> jars = Files.list(LauncherRun.home().resolve("lib"))) {
            for (Path jar : (Iterable<Path>) jars.filter(p -> p.toString().endsWith(".jar"))::iterator) {
                String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
                String artifact = name.substring(0, name.lastIndexOf('-'));
                String version = name.substring(name.lastIndexOf('-') + 1);
                boolean ours = artifact.startsWith("contextuate-monitor-");
                boolean imported = artifact.startsWith("jackson-") || artifact.startsWith("jdbi3-"); // their BOMs
                if (!ours && !imported && !version.equals(managedVersion(parent, artifact))) {
                    unmanaged.add(jar.getFileName().toString());
                }
            }
        }
        assertThat(unmanaged).as("jars in lib/ the BOM does not pin at the version shipped").isEmpty();
    }

    /** The version the parent's dependency management gives the artifact (its property resolved), or null. */
    private static String managedVersion(String parent, String artifact) {
        int at = parent.indexOf("<artifactId>" + artifact + "</artifactId>");
        if (at < 0) {
            return null;
        }
        String dependency = parent.substring(parent.lastIndexOf("<dependency>", at),
                parent.indexOf("</dependency>", at));
        int open = dependency.indexOf("<version>");
        if (open < 0) {
            return null;
        }
        String version = dependency.substring(open + "<version>".length(), dependency.indexOf("</version>", open));
        if (version.startsWith("${")) {
            String property = version.substring(2, version.length() - 1);
            int value = parent.indexOf("<" + property + ">");
            return value < 0 ? null
                    : parent.substring(value + property.length() + 2, parent.indexOf("</" + property + ">", value));
        }
        return version;
    }

    /** The repository root: the distribution is at distribution/target/contextuate-monitor. */
    private static Path repositoryRoot() {
        return LauncherRun.home().getParent().getParent().getParent();
    }

    @Test
    void theReadmeFirstCommandListsTheShippedSampleStore() throws Exception {
        Path root = repositoryRoot();
        long sessions;
        try (Stream<Path> dirs = Files.list(root.resolve("examples/sample-store/sessions"))) {
            sessions = dirs.filter(d -> Files.exists(d.resolve("meta.json"))).count();
        }

        CommandResult r = LauncherRun.launcher(root, "--config", "examples/sample-config.json", "sessions");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.lines().get(0)).startsWith("SESSION");
        assertThat(r.lines()).hasSize((int) sessions + 1);
    }

    @Test
    void exportOfTheShippedSampleStoreIsJsonEqualToIt() throws Exception {
        Path root = repositoryRoot();
        Path out = dir.resolve("export");

        CommandResult r = LauncherRun.launcher(root, "--config", "examples/sample-config.json",
                "export", "--dir", out.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(StoreComparison.differences(root.resolve("examples/sample-store"), out)).isEmpty();
    }

    @Test
    void backendsRunsOnTheModulePath() throws Exception {
        Path home = LauncherRun.home();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", home.resolve("lib").toString(),
                "-m", "io.contextuate.monitor.cli/io.contextuate.monitor.cli.ContextuateMonitor",
                "backends", "--json"));

        CommandResult r = LauncherRun.run(dir, Map.of(), command);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.jsonLines()).anySatisfy(p -> {
            assertThat(p.get("type").textValue()).isEqualTo("file");
            assertThat(p.get("origin").textValue()).startsWith("module");
        });
    }
}
