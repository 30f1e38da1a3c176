package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreSettings;
import io.contextuate.monitor.spi.StoreProvider;
import io.contextuate.monitor.sql.DatabaseSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the configuration becomes a pgjdbc URL and driver properties, and how the provider is found. */
class PostgresConnectionSettingsTest {

    private static PostgresConnectionSettings settings(Map<String, Object> database) {
        Map<String, Object> persistence = new java.util.HashMap<>();
        database.forEach((k, v) -> persistence.put("database." + k, v));
        StoreContext context = new StoreContext(StoreSettings.of(persistence), null, null);
        return PostgresConnectionSettings.of(DatabaseSettings.from(context, PostgresStoreProvider.DEFAULT_PORT,
                PostgresStoreProvider.DEFAULT_DATABASE), context.origin());
    }

    @Test
    void aHostsListBecomesOneMultiHostUrlWhoseWritesGoToThePrimary() {
        PostgresConnectionSettings s = settings(Map.of("hosts", java.util.List.of("db1:5433", "db2", "[::1]:6000"),
                "database", "m"));
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db1:5433,db2:5432,[::1]:6000/m");
        assertThat(s.properties()).containsEntry("targetServerType", "primary");
        assertThat(settings(Map.of("hosts", "a:1, b:2")).jdbcUrl()).startsWith("jdbc:postgresql://a:1,b:2/");
        assertThat(settings(Map.of("url", "jdbc:postgresql://a:1,b:2/x")).properties())
                .containsEntry("targetServerType", "primary");
        assertThat(settings(Map.of("hosts", "a:1,b:2", "properties.targetServerType", "preferSecondary"))
                .properties()).containsEntry("targetServerType", "preferSecondary");
        assertThat(settings(Map.of()).properties()).doesNotContainKey("targetServerType");
        assertThatThrownBy(() -> settings(Map.of("hosts", "a:x"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("persistence.database.hosts");
    }

    @Test
    void aStoreWithAHostsListIsDescribedByItsHosts() {
        StoreContext context = new StoreContext(StoreSettings.of(Map.of("database.hosts", "db1:5433,db2",
                "database.database", "m", "database.user", "app")), null, null);
        assertThat(DatabaseSettings.from(context, PostgresStoreProvider.DEFAULT_PORT,
                PostgresStoreProvider.DEFAULT_DATABASE).describe()).startsWith("app@db1:5433,db2:5432/m (");
    }

    @Test
    void hostPortAndDatabaseMakeTheUrlWithTheSeedsDefaults() {
        assertThat(settings(Map.of()).jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/contextuate_monitor");
        assertThat(settings(Map.of("host", "db.example", "port", 6543, "database", "my db")).jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example:6543/my%20db");
        assertThat(settings(Map.of("host", "::1")).jdbcUrl()).startsWith("jdbc:postgresql://[::1]:5432/");
    }

    @Test
    void aGivenUrlIsUsedAsItIs() {
        String url = "jdbc:postgresql://a:1,b:2/x?targetServerType=primary";
        assertThat(settings(Map.of("url", url, "host", "ignored")).jdbcUrl()).isEqualTo(url);
    }

    @Test
    void aUrlOfAnotherDatabaseIsAConfigurationErrorNamingTheKey() {
        assertThatThrownBy(() -> settings(Map.of("url", "jdbc:mysql://localhost/x")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("persistence.database.url");
    }

    @Test
    void sslTimeoutsAndDriverPropertiesBecomeDriverProperties() {
        PostgresConnectionSettings s = settings(Map.of("ssl.mode", "verify-full", "ssl.rootCert", "/etc/ca.pem",
                "connectTimeout", "15s", "socketTimeout", "500ms", "properties.prepareThreshold", 3));

        assertThat(s.properties()).containsEntry("sslmode", "verify-full")
                .containsEntry("sslrootcert", "/etc/ca.pem")
                .containsEntry("connectTimeout", "15")
                .containsEntry("socketTimeout", "1")
                .containsEntry("prepareThreshold", "3");
        assertThat(s.properties()).doesNotContainKeys("password", "user");
    }

    @Test
    void theProviderIsFoundByServiceLoaderUnderItsTypeAndAliases() {
        StoreProvider found = ServiceLoader.load(StoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals("postgresql")).findFirst().orElseThrow();

        assertThat(found).isInstanceOf(PostgresStoreProvider.class);
        assertThat(found.aliases()).containsExactlyInAnyOrder("postgres", "pg");
    }
}
