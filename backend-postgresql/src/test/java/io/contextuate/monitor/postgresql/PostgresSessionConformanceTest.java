package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.conformance.SessionConformance;
import io.contextuate.monitor.conformance.StoreConformance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance kit's session area against real PostgreSQL, in a database of its own. */
class PostgresSessionConformanceTest extends StoreConformance implements SessionConformance {

    @RegisterExtension
    static final PostgresStores STORES = new PostgresStores();

    @Override
    protected MonitorStore openStore() {
        return STORES.openEmpty();
    }
}
