package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.conformance.ConcurrencyConformance;
import io.contextuate.monitor.conformance.StoreConformance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance kit's concurrency area against real PostgreSQL, in a database of its own. */
class PostgresConcurrencyConformanceTest extends StoreConformance implements ConcurrencyConformance {

    @RegisterExtension
    static final PostgresStores STORES = new PostgresStores();

    @Override
    protected MonitorStore openStore() {
        return STORES.openEmpty();
    }
}
