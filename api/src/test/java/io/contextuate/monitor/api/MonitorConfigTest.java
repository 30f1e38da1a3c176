package io.contextuate.monitor.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.StoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorConfigTest {

    /** Upstream's contextuate-monitor.json as users have it: comments, and keys this library ignores. */
    static final String UPSTREAM_CONFIG = """
            {
              // how the monitor runs: local (unix socket) or redis
              "mode": "local",
              "server": { "host": "0.0.0.0", "port": 3847 },
              "redis": { "host": "localhost", "port": 6379, "password": null },
              "socketPath": "/tmp/contextuate-monitor.sock",
              "persistence": {
                "enabled": true,
                "type": "mysql",  // or "postgresql"
                "database": {
                  "host": "db.internal",
                  "port": 3306,     // or 5432 for PostgreSQL
                  "database": "contextuate_monitor",
                  "user": "monitor_user",
                  "password": "secure_password"
                }
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void upstreamsConfigWithCommentsAndForeignKeysParses() {
        MonitorConfig config = MonitorConfig.parse(UPSTREAM_CONFIG, null);

        assertThat(config.type()).isEqualTo("mysql");
        assertThat(config.enabled()).isTrue();
        Config database = config.persistence().getConfig("database");
        assertThat(database.getString("host")).isEqualTo("db.internal");
        assertThat(database.getInt("port")).isEqualTo(3306);
        assertThat(database.getString("user")).isEqualTo("monitor_user");
        assertThat(database.getString("password")).isEqualTo("secure_password");
        assertThat(database.getInt("pool.maximumPoolSize")).isEqualTo(10);
    }

    @Test
    void theSeedReadmesExampleParses() throws IOException {
        Path file = dir.resolve("contextuate-monitor.json");
        Files.writeString(file, """
                {
                  "persistence": {
                    "enabled": true,
                    "type": "postgresql",  // or "postgresql"
                    "database": {
                      "host": "localhost",
                      "port": 5432,     // or 5432 for PostgreSQL
                      "database": "contextuate_monitor",
                      "user": "monitor_user",
                      "password": "secure_password"
                    }
                  }
                }
                """);

        MonitorConfig config = MonitorConfig.load(file, Map.of(), dir, dir);

        assertThat(config.type()).isEqualTo("postgresql");
        assertThat(config.persistence().getInt("database.port")).isEqualTo(5432);
        assertThat(config.source()).contains(file);
        assertThat(config.describeSource()).isEqualTo(file.toString());
    }

    @Test
    void plainJsonReadsAsAStrictJsonParserReadsIt() {
        String json = """
                {"persistence": {"type": "PostgreSQL", "enabled": true, "file": {"baseDir": "C:\\\\monitor\\\\data"},
                 "database": {"url": "jdbc:postgresql://db:5432/m?ssl=true", "host": "# not a comment",
                  "user": "${NOT_A_SUBSTITUTION}", "tablePrefix": "", "schema": "caf\\u00e9 // x",
                  "port": 5433, "pool": {"maximumPoolSize": 25, "idleTimeout": 60000},
                  "properties": {"ApplicationName": "monitor", "a.b": "dotted key"}}}}
                """;
        Config strict = ConfigFactory.parseString(json, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON))
                .getConfig("persistence");

        Config ours = MonitorConfig.parse(json, null).persistence();

        strict.entrySet().forEach(entry -> assertThat(ours.getValue(entry.getKey()).unwrapped())
                .as(entry.getKey()).isEqualTo(entry.getValue().unwrapped()));
        assertThat(ours.getString("database.schema")).isEqualTo("café // x");
        assertThat(MonitorConfig.parse(json, null).type()).isEqualTo("postgresql");
    }

    @Test
    void withoutAnyFileTheBuiltInDefaultsGiveAFileStoreInTheHomeDirectory() {
        MonitorConfig config = MonitorConfig.load(null, Map.of(), dir.resolve("home"), dir.resolve("work"));

        assertThat(config.type()).isEqualTo("file");
        assertThat(config.enabled()).isTrue();
        assertThat(config.source()).isEmpty();
        assertThat(config.describeSource()).isEqualTo("built-in defaults");
        assertThat(config.persistence().getString("file.baseDir"))
                .isEqualTo(dir.resolve("home/.contextuate/monitor").toString());
        assertThat(config.pluginsDirectory()).isEmpty();
    }

    @Test
    void eachPlaceOfTheSearchOrderWinsOverThoseAfterIt() throws IOException {
        Path home = dir.resolve("home");
        Path cwd = dir.resolve("work");
        Path explicit = write(dir.resolve("explicit.json"), "explicit-type");
        Path named = write(dir.resolve("named.json"), "named-type");
        Path inWorkingDirectory = write(cwd.resolve("contextuate-monitor.json"), "cwd-type");
        Path inHome = write(home.resolve(".contextuate/monitor/config.json"), "home-type");
        Map<String, String> env = Map.of("CONTEXTUATE_MONITOR_CONFIG", named.toString());

        assertThat(MonitorConfig.load(explicit, env, home, cwd).type()).isEqualTo("explicit-type");
        assertThat(MonitorConfig.load(null, env, home, cwd).type()).isEqualTo("named-type");
        assertThat(MonitorConfig.load(null, Map.of(), home, cwd).source()).contains(inWorkingDirectory);
        Files.delete(inWorkingDirectory);
        assertThat(MonitorConfig.load(null, Map.of(), home, cwd).source()).contains(inHome);
        Files.delete(inHome);
        assertThat(MonitorConfig.load(null, Map.of(), home, cwd).describeSource()).isEqualTo("built-in defaults");
    }

    @Test
    void aRelativeFileIsTakenFromTheWorkingDirectoryAndItsSourceIsAbsolute() throws IOException {
        Path file = write(dir.resolve("conf/monitor.json"), "file");

        MonitorConfig fromOption = MonitorConfig.load(Path.of("conf/monitor.json"), Map.of(), dir, dir);
        MonitorConfig fromVariable = MonitorConfig.load(null, Map.of("CONTEXTUATE_MONITOR_CONFIG", "conf/monitor.json"),
                dir, dir);

        assertThat(fromOption.source()).contains(file);
        assertThat(fromVariable.source()).contains(file);
        assertThat(fromOption.context(null).source()).isAbsolute();
    }

    @Test
    void aRelativeBaseDirIsPassedAsWrittenForTheStoreToResolveAgainstTheSource() throws IOException {
        Path file = dir.resolve("monitor.json");
        Files.writeString(file, "{ \"persistence\": { \"file\": { \"baseDir\": \"store\" } } }");

        MonitorConfig config = MonitorConfig.load(file, Map.of(), dir, dir.resolve("elsewhere"));

        assertThat(config.persistence().getString("file.baseDir")).isEqualTo("store");
        assertThat(config.context(null).sourceFile()).contains(file);
    }

    @Test
    void theStoreContextCarriesTheSectionTheSourceAndTheListener() throws IOException {
        Path file = write(dir.resolve("monitor.json"), "postgresql");
        ReadProblemListener listener = problem -> { };

        StoreContext context = MonitorConfig.load(file, Map.of(), dir, dir).context(listener);

        assertThat(context.settings().string("type")).hasValue("postgresql");
        assertThat(context.source()).isEqualTo(file);
        assertThat(context.problems()).isSameAs(listener);
    }

    @Test
    void aMissingExplicitFileIsAnErrorNamingIt() {
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> MonitorConfig.load(missing, Map.of(), dir, dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void aMissingFileNamedByTheVariableIsAnErrorNamingTheVariable() {
        assertThatThrownBy(() -> MonitorConfig.load(null, Map.of("CONTEXTUATE_MONITOR_CONFIG", "gone.json"), dir, dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("CONTEXTUATE_MONITOR_CONFIG")
                .hasMessageContaining(dir.resolve("gone.json").toString());
    }

    @Test
    void aFileThatDoesNotParseIsAnErrorNamingTheFileAndLine() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"persistence\": {\n    \"type\": \"file\",,\n    \"enabled\": [\n}\n");

        assertThatThrownBy(() -> MonitorConfig.load(file, Map.of(), dir, dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file + ", line 3");
    }

    @Test
    void aKeyOfTheWrongTypeIsAnErrorNamingTheKeyAndFile() throws IOException {
        Path file = dir.resolve("wrong.json");
        Files.writeString(file, "{ \"persistence\": {\n \"enabled\": \"perhaps\" } }");

        assertThatThrownBy(() -> MonitorConfig.load(file, Map.of(), dir, dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file + ": 2")
                .hasMessageContaining("enabled");
    }

    @Test
    void anEmptyTypeIsAnErrorNamingTheKeyAndFile() {
        assertThatThrownBy(() -> MonitorConfig.parse("{ \"persistence\": { \"type\": \" \" } }", dir.resolve("x.json")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("persistence.type in " + dir.resolve("x.json") + " is empty");
    }

    @Test
    void aPersistenceSectionThatIsNotAnObjectIsAnError() {
        assertThatThrownBy(() -> MonitorConfig.parse("{ \"persistence\": \"file\" }", dir.resolve("x.json")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(dir.resolve("x.json").toString())
                .hasMessageContaining("persistence");
    }

    @Test
    void aNullPersistenceSectionIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> MonitorConfig.parse("{ \"persistence\": null }", dir.resolve("x.json")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'persistence'");
    }

    @Test
    void environmentVariablesOverrideTheFileKeyByKeyMatchingCamelCaseKeys() {
        Map<String, String> env = new HashMap<>();
        env.put("CONTEXTUATE_MONITOR_PERSISTENCE_TYPE", "PostgreSQL");
        env.put("CONTEXTUATE_MONITOR_PERSISTENCE_DATABASE_HOST", "override.example");
        env.put("CONTEXTUATE_MONITOR_PERSISTENCE_DATABASE_POOL_MAXIMUMPOOLSIZE", "42");
        env.put("contextuate_monitor_persistence_database_tableprefix", "cm_");
        env.put("CONTEXTUATE_MONITOR_PERSISTENCE_DATABASE_PASSWORDENV", "PGPASS");
        env.put("CONTEXTUATE_MONITOR_PERSISTENCE_DATABASE_PROPERTIES_ApplicationName", "monitor-cli");
        env.put("CONTEXTUATE_MONITOR_PERSISTENCE_MONGO_URI", "mongodb://m");
        env.put("UNRELATED", "x");

        MonitorConfig config = MonitorConfig.parse(UPSTREAM_CONFIG, null, env, dir, dir);

        Config p = config.persistence();
        assertThat(config.type()).isEqualTo("postgresql");
        assertThat(p.getString("database.host")).isEqualTo("override.example");
        assertThat(p.getInt("database.pool.maximumPoolSize")).isEqualTo(42);
        assertThat(p.getString("database.tablePrefix")).isEqualTo("cm_");
        assertThat(p.getString("database.passwordEnv")).isEqualTo("PGPASS");
        assertThat(p.getString("database.properties.ApplicationName")).isEqualTo("monitor-cli");
        assertThat(p.getString("mongo.uri")).isEqualTo("mongodb://m");
        assertThat(p.getString("database.user")).isEqualTo("monitor_user");
    }

    @Test
    void environmentVariablesApplyToTheFileTheSearchOrderFinds() throws IOException {
        Path file = write(dir.resolve("contextuate-monitor.json"), "file");

        MonitorConfig config = MonitorConfig.load(null,
                Map.of("CONTEXTUATE_MONITOR_PERSISTENCE_ENABLED", "false",
                        "CONTEXTUATE_MONITOR_PERSISTENCE_FILE_BASEDIR", "/srv/monitor"), dir, dir);

        assertThat(config.source()).contains(file);
        assertThat(config.enabled()).isFalse();
        assertThat(config.persistence().getString("file.baseDir")).isEqualTo("/srv/monitor");
    }

    @Test
    void anOverrideOfTheWrongTypeIsAnErrorNamingTheVariable() {
        assertThatThrownBy(() -> MonitorConfig.parse("{}", null,
                Map.of("CONTEXTUATE_MONITOR_PERSISTENCE_ENABLED", "perhaps"), dir, dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("CONTEXTUATE_MONITOR_PERSISTENCE_ENABLED");
    }

    @Test
    void substitutionsInAHoconFileSeeTheEnvironment() {
        MonitorConfig config = MonitorConfig.parse("persistence.file.baseDir = ${DATA}/monitor", null,
                Map.of("DATA", "/data"), dir, dir);

        assertThat(config.persistence().getString("file.baseDir")).isEqualTo("/data/monitor");
    }

    @Test
    void aDirectoryGivenAsAStoreIsAFileStoreThere() throws IOException {
        Path storeDir = Files.createDirectories(dir.resolve("store"));

        MonitorConfig config = MonitorConfig.forStore(storeDir);

        assertThat(config.type()).isEqualTo("file");
        assertThat(config.persistence().getString("file.baseDir")).isEqualTo(storeDir.toString());
        assertThat(config.source()).isEmpty();
        assertThat(config.describeSource()).contains(storeDir.toString());
    }

    @Test
    void aNewDirectoryGivenAsAStoreIsAFileStoreButAMissingJsonFileIsAnError() {
        assertThat(MonitorConfig.forStore(dir.resolve("new-store")).persistence().getString("file.baseDir"))
                .isEqualTo(dir.resolve("new-store").toString());
        assertThatThrownBy(() -> MonitorConfig.forStore(dir.resolve("pg.json")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(dir.resolve("pg.json").toString());
    }

    @Test
    void aConfigFileGivenAsAStoreIsLoaded() throws IOException {
        Path file = write(dir.resolve("pg.json"), "postgresql");

        MonitorConfig config = MonitorConfig.forStore(file);

        assertThat(config.type()).isEqualTo("postgresql");
        assertThat(config.source()).contains(file);
    }

    @Test
    void theBuiltInDefaultsNameEveryDocumentedKey() {
        Config defaults = ConfigText.defaults().getConfig("persistence");
        List<String> keys = List.of("enabled", "type", "pluginsDir", "file.baseDir", "database.host", "database.port",
                "database.database", "database.user", "database.password", "database.passwordEnv",
                "database.passwordFile", "database.url", "database.schema", "database.tablePrefix",
                "database.autoMigrate", "database.pool.maximumPoolSize", "database.pool.minimumIdle",
                "database.pool.connectionTimeout", "database.pool.idleTimeout", "database.pool.maxLifetime",
                "database.ssl.mode", "database.ssl.rootCert", "database.connectTimeout", "database.socketTimeout",
                "database.properties");

        assertThat(keys).allSatisfy(key -> assertThat(defaults.hasPathOrNull(key)).as(key).isTrue());
        assertThat(defaults.getInt("database.pool.maximumPoolSize")).isEqualTo(10);
    }

    private static Path write(Path file, String type) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "{ \"persistence\": { \"type\": \"" + type + "\" } }");
    }
}
