package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.StoreProvider;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

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
}
