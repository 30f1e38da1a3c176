package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreSettings;
import io.contextuate.monitor.spi.StoreProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MySqlStoreProviderTest {

    @Test
    void theServiceLoaderFindsTheProviderUnderMysqlAndMariadb() {
        assertThat(ServiceLoader.load(StoreProvider.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(p -> p instanceof MySqlStoreProvider)
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.type()).isEqualTo("mysql");
                    assertThat(p.aliases()).containsExactly("mariadb");
                });
    }

    @Test
    void partitioningIsRefusedBeforeAnyConnectionWithTheReason() {
        StoreContext context = new StoreContext(StoreSettings.of(Map.of("type", "mysql",
                "database.host", "127.0.0.1", "database.port", 1, "database.partitioning", "monthly")), null, null);
        assertThatThrownBy(() -> new MySqlStoreProvider().open(context))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("partitioning").hasMessageContaining("foreign keys");
        assertThatThrownBy(() -> new MySqlStoreProvider().schema(context))
                .as("schema apply and schema partition refuse it as well")
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("foreign keys");
    }
}
