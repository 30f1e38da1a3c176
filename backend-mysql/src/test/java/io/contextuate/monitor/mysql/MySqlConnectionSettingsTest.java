package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreSettings;
import io.contextuate.monitor.sql.DatabaseSettings;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MySqlConnectionSettingsTest {

    private static MySqlConnectionSettings settings(Map<String, Object> database) {
        StoreContext context = new StoreContext(StoreSettings.of(Map.of("type", "mysql", "database", database)),
                null, null);
        return MySqlConnectionSettings.of(DatabaseSettings.from(context, MySqlStoreProvider.DEFAULT_PORT,
                MySqlStoreProvider.DEFAULT_DATABASE), context.origin());
    }

    @Test
    void aHostsListBecomesAFailoverUrlThatStaysWritableAfterAFailover() {
        StoreContext context = new StoreContext(StoreSettings.of(Map.of("type", "mysql", "database",
                Map.of("hosts", java.util.List.of("node1:3307", "node2", "node3:3309"), "database", "m"))), null, null);
        MySqlConnectionSettings s = MySqlConnectionSettings.of(DatabaseSettings.from(context,
                MySqlStoreProvider.DEFAULT_PORT, MySqlStoreProvider.DEFAULT_DATABASE), context.origin(), false);

        assertThat(s.jdbcUrl()).isEqualTo("jdbc:mysql://node1:3307,node2:3306,node3:3309/m");
        assertThat(s.properties()).containsEntry("failOverReadOnly", "false");
        assertThat(settings(Map.of("url", "jdbc:mysql://node1:3307,node2:3308/m")).properties())
                .as("a multi-host URL written by hand stays writable too").containsEntry("failOverReadOnly", "false");
    }

    @Test
    void hostPortAndDatabaseMakeTheUrlAndTheDriverPropertiesAreSetForLosslessStrictWrites() {
        MySqlConnectionSettings s = settings(Map.of("host", "db.example", "port", 3307, "database", "monitor db",
                "connectTimeout", "5s", "socketTimeout", "2m"));

        assertThat(s.jdbcUrl()).isEqualTo("jdbc:mysql://db.example:3307/monitor%20db");
        assertThat(s.properties()).containsEntry("characterEncoding", "UTF-8")
                .containsEntry("useAffectedRows", "true")
                .containsEntry("rewriteBatchedStatements", "true")
                .containsEntry("connectTimeout", "5000")
                .containsEntry("socketTimeout", "120000")
                .doesNotContainKey("allowLoadLocalInfile");
        assertThat(s.properties().getProperty("sessionVariables")).contains("STRICT_ALL_TABLES");
    }

    @Test
    void defaultsAreLocalhost3306AndContextuateMonitor() {
        assertThat(settings(Map.of()).jdbcUrl()).isEqualTo("jdbc:mysql://localhost:3306/contextuate_monitor");
    }

    @Test
    void anExplicitUrlIsUsedAsGivenAndDriverPropertiesComeLast() {
        Map<String, Object> database = new HashMap<>();
        database.put("url", "jdbc:mysql://a:1,b:2/x?useSSL=true");
        database.put("properties", Map.of("rewriteBatchedStatements", "false", "allowPublicKeyRetrieval", "true"));

        MySqlConnectionSettings s = settings(database);

        assertThat(s.jdbcUrl()).isEqualTo("jdbc:mysql://a:1,b:2/x?useSSL=true");
        assertThat(s.properties()).containsEntry("rewriteBatchedStatements", "false")
                .containsEntry("allowPublicKeyRetrieval", "true");
    }

    @Test
    void aUrlOfAnotherDriverIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> settings(Map.of("url", "jdbc:mariadb://h/x")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("persistence.database.url");
    }

    @Test
    void sslModesAcceptConnectorAndLibpqNamesAndRefuseOthers() {
        assertThat(settings(Map.of("ssl", Map.of("mode", "verify-full"))).properties())
                .containsEntry("sslMode", "VERIFY_IDENTITY");
        assertThat(settings(Map.of("ssl", Map.of("mode", "required"))).properties())
                .containsEntry("sslMode", "REQUIRED");
        assertThatThrownBy(() -> settings(Map.of("ssl", Map.of("mode", "sometimes"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ssl.mode");
    }
}
