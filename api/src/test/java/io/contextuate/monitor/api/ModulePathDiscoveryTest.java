package io.contextuate.monitor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import io.contextuate.monitor.spi.StoreProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The api on the module path (the tests otherwise run on the class path): a provider module is found once, with
 * its module as origin, beside a plugin jar. Runs a second JVM with a probe module compiled here.
 */
class ModulePathDiscoveryTest {

    private static final String PROBE_INFO = """
            module probe {
                requires io.contextuate.monitor.api;
                provides io.contextuate.monitor.spi.StoreProvider with probe.ProbeProvider;
            }
            """;
    private static final String PROBE_PROVIDER = """
            package probe;

            import io.contextuate.monitor.spi.MonitorStore;
            import io.contextuate.monitor.spi.StoreContext;
            import io.contextuate.monitor.spi.StoreProvider;

            public final class ProbeProvider implements StoreProvider {
                public int contractVersion() { return CONTRACT_VERSION; }
                public String type() { return "probe"; }
                public String description() { return "a provider module"; }
                public MonitorStore open(StoreContext context) { throw new UnsupportedOperationException(); }
            }
            """;
    private static final String PROBE_MAIN = """
            package probe;

            import io.contextuate.monitor.api.DiscoveredProvider;
            import io.contextuate.monitor.api.MonitorConfig;
            import io.contextuate.monitor.api.MonitorPersistence;

            public final class Main {
                public static void main(String[] args) {
                    String json = "{ persistence { type = alpha, pluginsDir = \\"" + args[0] + "\\" } }";
                    MonitorConfig config = MonitorConfig.parse(json, null);
                    System.out.println("api in " + MonitorPersistence.class.getModule());
                    for (DiscoveredProvider found : MonitorPersistence.providers(config)) {
                        System.out.println("found " + found.label() + " <- " + found.origin());
                    }
                    System.out.println("selected " + MonitorPersistence.provider(config).type());
                }
            }
            """;

    @Test
    void onTheModulePathAProviderModuleIsFoundOnceBesideThePlugins(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path plugins = dir.resolve("plugins");
        PluginJarBuilder.build(dir,
                new PluginJarBuilder.Plugin(plugins.resolve("alpha.jar"), "AlphaProvider", "alpha", Set.of()));
        String modulePath = Stream.of(MonitorConfig.class, StoreProvider.class, Config.class, LoggerFactory.class,
                        ObjectMapper.class, JsonFactory.class, JsonInclude.class)
                .map(ModulePathDiscoveryTest::locationOf).map(Path::toString).distinct()
                .collect(Collectors.joining(File.pathSeparator));
        Path probeClasses = compileProbe(dir, modulePath);

        List<String> output = run(dir, modulePath + File.pathSeparator + probeClasses, plugins.toString());

        assertThat(output).contains("api in module io.contextuate.monitor.api",
                "found alpha <- " + plugins.resolve("alpha.jar"),
                "selected alpha");
        assertThat(output).filteredOn(line -> line.startsWith("found probe"))
                .containsExactly("found probe <- module probe");
    }

    private static Path compileProbe(Path dir, String modulePath) throws IOException {
        Path sources = dir.resolve("probe-src");
        Files.createDirectories(sources.resolve("probe"));
        Files.writeString(sources.resolve("module-info.java"), PROBE_INFO);
        Files.writeString(sources.resolve("probe/ProbeProvider.java"), PROBE_PROVIDER);
        Files.writeString(sources.resolve("probe/Main.java"), PROBE_MAIN);
        Path classes = dir.resolve("probe-classes");
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        StringWriter errors = new StringWriter();
        int status = javac.run(new PrintWriter(errors), new PrintWriter(errors), "--release", "17", "-proc:none",
                "--module-path", modulePath, "-d", classes.toString(),
                sources.resolve("module-info.java").toString(), sources.resolve("probe/ProbeProvider.java").toString(),
                sources.resolve("probe/Main.java").toString());
        assertThat(status).as("compiling the probe module: %s", errors).isZero();
        return classes;
    }

    private static List<String> run(Path dir, String modulePath, String pluginsDir)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path output = dir.resolve("probe-output.txt");
        Process probe = new ProcessBuilder(java.toString(), "--module-path", modulePath, "-m", "probe/probe.Main",
                pluginsDir)
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("the probe JVM finishes").isTrue();
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(probe.exitValue()).as("the probe's exit status; it printed %s", lines).isZero();
        return lines;
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
