package io.contextuate.monitor.api;

import io.contextuate.monitor.spi.MonitorStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A password in the configuration never reaches an exception message, a toString or a log line. */
class SecretsStayHiddenTest {

    static final String PASSWORD = "s3cr3t-Pa55";

    @TempDir
    Path dir;

    private static String withDatabase(String persistenceRest) {
        return """
                { "persistence": { %s
                  "database": { "host": "db", "user": "monitor", "password": "%s",
                                "url": "jdbc:postgresql://db/m?user=monitor&password=%s" } } }
                """.formatted(persistenceRest, PASSWORD, PASSWORD);
    }

    @Test
    void toStringHidesThePasswordFromFileAndEnvironment() {
        MonitorConfig fromFile = MonitorConfig.parse(withDatabase("\"type\": \"postgresql\","), null);
        MonitorConfig fromEnv = MonitorConfig.parse("{}", null,
                Map.of("CONTEXTUATE_MONITOR_PERSISTENCE_DATABASE_PASSWORD", PASSWORD), dir, dir);

        assertThat(fromFile.toString()).doesNotContain(PASSWORD).contains(RedactedSettings.HIDDEN).contains("db");
        assertThat(fromEnv.toString()).doesNotContain(PASSWORD)
                .contains("database.password=" + RedactedSettings.HIDDEN);
        assertThat(fromFile.context(null).settings().string("database.password")).hasValue(PASSWORD);
        assertThat(fromFile.context(null).settings().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void noErrorMessageRepeatsThePassword() throws IOException {
        List<Throwable> errors = new ArrayList<>();
        for (String broken : List.of(
                "{ \"persistence\": { \"database\": { \"password\": " + PASSWORD + " ,, } } }",
                "{ \"persistence\": { \"database\": { \"password\": \"" + PASSWORD + "\" = } } }",
                "{ \"persistence\": { \"database\": { \"user\": \"u\" } \"" + PASSWORD + "\" } }",
                "{ \"persistence\": { \"database\": { \"password\" " + PASSWORD + " } } }",
                "{ \"persistence\": { \"database\": { \"password\": [\"" + PASSWORD + "\" } } }",
                "{ \"persistence\": { \"enabled\": \"" + PASSWORD + "\" } }",
                "{ \"persistence\": { \"type\": { \"password\": \"" + PASSWORD + "\" } } }",
                "{ \"persistence\": \"" + PASSWORD + "\" }",
                "{ \"persistence\": { \"database\": { \"password\": \"" + PASSWORD + "\"")) {
            Path file = Files.writeString(dir.resolve("broken-" + errors.size() + ".json"), broken);
            errors.add(catchThrowable(() -> MonitorConfig.load(file, Map.of(), dir, dir)));
        }
        errors.add(catchThrowable(() -> MonitorConfig.parse("{}", null,
                Map.of("CONTEXTUATE_MONITOR_PERSISTENCE_ENABLED", PASSWORD), dir, dir)));
        errors.add(catchThrowable(() -> MonitorPersistence.open(
                MonitorConfig.parse(withDatabase("\"type\": \"no-such-type\","), null))));
        errors.add(catchThrowable(() -> MonitorPersistence.open(
                MonitorConfig.parse(withDatabase("\"enabled\": false,"), dir.resolve("off.json")))));

        assertThat(errors).hasSize(12).allSatisfy(error -> {
            assertThat(error).isNotNull();
            for (Throwable t = error; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
                assertThat(t.toString()).doesNotContain(PASSWORD);
            }
        });
    }

    @Test
    void noLogLineRepeatsThePassword(@TempDir Path scratch) throws IOException {
        Path plugins = scratch.resolve("plugins");
        PluginJarBuilder.build(scratch,
                new PluginJarBuilder.Plugin(plugins.resolve("alpha.jar"), "AlphaProvider", "alpha", Set.of()));
        PluginJarBuilder.brokenJar(plugins.resolve("broken.jar"));
        MonitorConfig config = MonitorConfig.parse(withDatabase(
                "\"type\": \"alpha\", \"pluginsDir\": \"" + plugins.toString().replace("\\", "\\\\") + "\","), null);

        String log;
        try (CapturedLog captured = new CapturedLog(); MonitorStore store = MonitorPersistence.open(config)) {
            assertThat(store.describe()).startsWith("alpha store");
            log = captured.text();
        }

        assertThat(log).contains("opening a alpha store").contains("broken.jar").doesNotContain(PASSWORD);
    }
}
