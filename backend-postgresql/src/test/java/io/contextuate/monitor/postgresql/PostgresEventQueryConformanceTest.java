package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.conformance.EventQueryConformance;
import io.contextuate.monitor.conformance.StoreConformance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance kit's event query area against real PostgreSQL, in a database of its own. */
class PostgresEventQueryConformanceTest extends StoreConformance implements EventQueryConformance {

    @RegisterExtension
    static final PostgresStores STORES = new PostgresStores();

    @Override
    protected MonitorStore openStore() {
        return STORES.openEmpty();
    }
}
