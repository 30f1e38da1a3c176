package io.contextuate.monitor.api;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.StoreSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The settings a provider reads read the same whether they come from a configuration file or are given in code
 * ({@link StoreSettings#of}), and a value of the wrong type is refused by its key, never quoted.
 */
class StoreSettingsTest {

    private static final String SECRET = "hunter2-Zz";

    static Stream<Arguments> settings() {
        String json = """
                { "persistence": { "type": "postgresql", "file": { "baseDir": "/srv/monitor" },
                  "database": { "host": "db1", "port": 5433, "portText": "6543", "autoMigrate": false,
                                "flagText": "yes", "socketTimeout": "30s", "connectTimeout": 1500,
                                "hosts": ["a:1", "b:2"], "oneHost": "c:3",
                                "properties": { "sslmode": "require", "tcpKeepAlive": true },
                                "user": "%s", "badPort": "%s" } } }
                """.formatted(SECRET, SECRET);
        Map<String, Object> inCode = new HashMap<>();
        inCode.put("type", "postgresql");
        inCode.put("file", Map.of("baseDir", "/srv/monitor"));
        inCode.put("database", Map.of("host", "db1", "port", 5433, "portText", "6543", "autoMigrate", false,
                "flagText", "yes", "socketTimeout", "30s", "connectTimeout", 1500));
        inCode.put("database.hosts", List.of("a:1", "b:2"));
        inCode.put("database.oneHost", "c:3");
        inCode.put("database.properties", Map.of("sslmode", "require", "tcpKeepAlive", true));
        inCode.put("database.user", SECRET);
        inCode.put("database.badPort", SECRET);
        return Stream.of(
                Arguments.of("from a configuration file", MonitorConfig.parse(json, null).context(null).settings()),
                Arguments.of("given in code", StoreSettings.of(inCode)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void valuesReadByPathInTheirType(String from, StoreSettings s) {
        assertThat(s.string("type")).hasValue("postgresql");
        assertThat(s.string("file.baseDir")).hasValue("/srv/monitor");
        assertThat(s.integer("database.port")).hasValue(5433);
        assertThat(s.integer("database.portText")).hasValue(6543);
        assertThat(s.string("database.port")).hasValue("5433");
        assertThat(s.flag("database.autoMigrate")).hasValue(false);
        assertThat(s.flag("database.flagText")).hasValue(true);
        assertThat(s.duration("database.socketTimeout")).hasValue(Duration.ofSeconds(30));
        assertThat(s.duration("database.connectTimeout")).hasValue(Duration.ofMillis(1500));
        assertThat(s.strings("database.hosts")).hasValue(List.of("a:1", "b:2"));
        assertThat(s.strings("database.oneHost")).hasValue(List.of("c:3"));
        assertThat(s.table("database.properties")).containsOnly(Map.entry("sslmode", "require"),
                Map.entry("tcpKeepAlive", "true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void absentKeysReadEmptyAndSectionsCountAsPresent(String from, StoreSettings s) {
        assertThat(s.has("database")).isTrue();
        assertThat(s.has("database.host")).isTrue();
        assertThat(s.has("database.nothing")).isFalse();
        assertThat(s.string("database.nothing")).isEmpty();
        assertThat(s.integer("nothing.at.all")).isEmpty();
        assertThat(s.flag("database.nothing")).isEmpty();
        assertThat(s.duration("database.nothing")).isEmpty();
        assertThat(s.strings("database.nothing")).isEmpty();
        assertThat(s.table("database.nothing")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void aValueOfTheWrongTypeIsRefusedByItsKeyWithoutQuotingIt(String from, StoreSettings s) {
        Map<String, Consumer<StoreSettings>> wrong = Map.of(
                "persistence.database.badPort", x -> x.integer("database.badPort"),
                "persistence.database.user", x -> x.flag("database.user"),
                "persistence.database.host", x -> x.duration("database.host"),
                "persistence.database.properties", x -> x.string("database.properties"),
                "persistence.database.hosts", x -> x.integer("database.hosts"),
                "persistence.database.port", x -> x.table("database.port"));
        wrong.forEach((key, read) -> {
            Throwable thrown = catchThrowable(() -> read.accept(s));
            assertThat(thrown).as(key).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(key + " in ").hasMessageContaining("has the wrong type: expected");
            assertThat(thrown.getMessage()).doesNotContain(SECRET);
        });
    }
}
