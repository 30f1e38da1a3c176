package io.contextuate.monitor.cli;

import io.contextuate.monitor.conformance.MonitorStoreConformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's plugin walk-through, run: the reactor's published artifacts (parent, BOM, spi, sql, conformance) are
 * installed into a temporary local repository, the example plugin project {@code examples/h2-plugin} is built by
 * Maven against them alone (its own pom importing the BOM, its conformance kit test included), and its plugin folder
 * (its jar and its own JDBC driver) is dropped into a copy of the distribution's {@code plugins/}, where the
 * command line migrates a store into it through the shared pool. The nested Maven resolves everything else from this
 * build's local repository through a file mirror, and writes only to the temporary one.
 */
class PluginProjectIT {

    private static final String GROUP_PATH = "io/contextuate/monitor";
    /** The example's build runs the whole kit, on a machine shared with other builds. */
    private static final long MAVEN_TIMEOUT_SECONDS = 900;

    @TempDir
    Path dir;

    @Test
    void anOutsidePluginProjectBuildsAgainstThePublishedArtifactsPassesTheKitAndRunsFromPlugins() throws Exception {
        Path root = LauncherRun.home().getParent().getParent().getParent();
        Path repository = dir.resolve("repository");
        Path settings = mirrorSettings();

        CommandResult install = maven(dir, settings, repository, "-f", installerPom(root).toString(), "validate");
        assertThat(install.exitCode()).as(install.toString()).isZero();
        for (String artifact : List.of("parent", "bom", "spi", "sql", "conformance")) {
            assertThat(repository.resolve(GROUP_PATH + "/contextuate-monitor-" + artifact)).isDirectory();
        }

        Path project = LauncherRun.copyTree(root.resolve("examples/h2-plugin"), dir.resolve("h2-plugin"));
        CommandResult build = maven(project, settings, repository, "package");
        assertThat(build.exitCode()).as(build.toString()).isZero();
        assertThat(Files.readString(project.resolve(
                "target/surefire-reports/com.example.monitor.h2.H2StoreConformanceTest.txt")))
                .contains("Tests run: " + kitTests() + ", Failures: 0, Errors: 0, Skipped: 0");

        Path home = LauncherRun.copyTree(LauncherRun.home(), dir.resolve("contextuate-monitor"));
        Path plugin = LauncherRun.copyTree(project.resolve("target/contextuate-monitor-h2"), home.resolve("plugins/h2"));
        try (Stream<Path> jars = Files.list(plugin)) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("h2-")).anyMatch(name -> name.startsWith("contextuate-monitor-h2"));
        }
        Path config = Files.writeString(dir.resolve("h2.json"),
                "{ \"persistence\": { \"type\": \"h2\", \"database\": { \"path\": \"h2-store/monitor\" } } }");
        String launcher = home.resolve("bin/contextuate-monitor").toString();

        CommandResult backends = LauncherRun.run(dir, Map.of(), List.of(launcher, "backends", "--json"));
        assertThat(backends.exitCode()).as(backends.toString()).isZero();
        assertThat(backends.jsonLines()).anySatisfy(p -> {
            assertThat(p.get("type").textValue()).isEqualTo("h2");
            assertThat(p.get("origin").textValue()).startsWith(plugin.toString());
        });

        CommandResult migrate = LauncherRun.run(dir, Map.of(), List.of(launcher, "migrate",
                "--from", root.resolve("examples/sample-store").toString(), "--to", config.toString()));
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.out() + migrate.err()).contains("verify: equal");

        CommandResult sessions = LauncherRun.run(dir, Map.of(), List.of(launcher, "--config", config.toString(),
                "sessions", "--json"));
        assertThat(sessions.exitCode()).as(sessions.toString()).isZero();
        assertThat(sessions.jsonLines()).hasSize(6);
        assertThat(dir.resolve("h2-store/monitor.mv.db")).isRegularFile();

        // the same plugin with the application on the module path: the plugin's jars stay on its own class loader
        Path moduleConfig = Files.writeString(dir.resolve("h2-modules.json"),
                "{ \"persistence\": { \"type\": \"h2\", \"database\": { \"path\": \"h2-modules/monitor\" } } }");
        List<String> onModulePath = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcontextuate.monitor.plugins=" + home.resolve("plugins"), "--module-path", home.resolve("lib").toString(),
                "-m", "io.contextuate.monitor.cli/io.contextuate.monitor.cli.ContextuateMonitor");
        CommandResult modular = LauncherRun.run(dir, Map.of(), concat(onModulePath, "migrate", "--from",
                root.resolve("examples/sample-store").toString(), "--to", moduleConfig.toString()));
        assertThat(modular.exitCode()).as(modular.toString()).isZero();
        assertThat(modular.out() + modular.err()).contains("verify: equal").doesNotContain("NoClassDefFoundError");
        CommandResult modularSessions = LauncherRun.run(dir, Map.of(), concat(onModulePath, "--config",
                moduleConfig.toString(), "sessions", "--json"));
        assertThat(modularSessions.exitCode()).as(modularSessions.toString()).isZero();
        assertThat(modularSessions.jsonLines()).hasSize(6);
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(Arrays.asList(tail));
        return all;
    }

    /** Settings whose only repository is this build's local repository, read as a remote one. */
    private Path mirrorSettings() throws IOException {
        Path seed = Path.of(System.getProperty("contextuate.maven.repository"));
        return Files.writeString(dir.resolve("settings.xml"), """
                <settings>
                  <mirrors>
                    <mirror><id>seed</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(seed.toUri()));
    }

    /** A pom that installs the reactor's published artifacts, as built, with their own poms. */
    private Path installerPom(Path root) throws IOException {
        String version = System.getProperty("contextuate.monitor.version");
        StringBuilder executions = new StringBuilder();
        executions.append(execution("parent", root.resolve("pom.xml"), root.resolve("pom.xml")));
        executions.append(execution("bom", root.resolve("bom/pom.xml"), root.resolve("bom/pom.xml")));
        for (String module : List.of("spi", "sql", "conformance")) {
            Path jar = root.resolve(module + "/target/contextuate-monitor-" + module + "-" + version + ".jar");
            assertThat(jar).as("built by this reactor").isRegularFile();
            executions.append(execution(module, jar, root.resolve(module + "/pom.xml")));
        }
        return Files.writeString(dir.resolve("installer.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>local.test</groupId><artifactId>installer</artifactId><version>1</version>
                  <packaging>pom</packaging>
                  <build><plugins><plugin>
                    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-install-plugin</artifactId>
                    <version>3.1.4</version>
                    <executions>%s</executions>
                  </plugin></plugins></build>
                </project>
                """.formatted(executions));
    }

    private static String execution(String id, Path file, Path pom) {
        return """
                <execution><id>%s</id><phase>validate</phase><goals><goal>install-file</goal></goals>
                  <configuration><file>%s</file><pomFile>%s</pomFile></configuration></execution>
                """.formatted(id, file, pom);
    }

    private CommandResult maven(Path workDir, Path settings, Path repository, String... args) throws Exception {
        Path mvn = Path.of(System.getProperty("contextuate.maven.home"), "bin", "mvn");
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-q", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository));
        command.addAll(List.of(args));
        return LauncherRun.run(workDir, Map.of(), command, MAVEN_TIMEOUT_SECONDS);
    }

    /** How many tests the whole kit has: every {@code @Test} of the areas {@link MonitorStoreConformance} runs. */
    private static long kitTests() {
        return Arrays.stream(MonitorStoreConformance.class.getInterfaces())
                .flatMap(area -> Arrays.stream(area.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(Test.class))
                .count();
    }
}
