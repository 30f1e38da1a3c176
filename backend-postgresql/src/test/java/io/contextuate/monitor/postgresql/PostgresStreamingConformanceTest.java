package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.conformance.StreamingConformance;
import io.contextuate.monitor.conformance.StoreConformance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance kit's streaming area against real PostgreSQL, in a database of its own. */
class PostgresStreamingConformanceTest extends StoreConformance implements StreamingConformance {

    @RegisterExtension
    static final PostgresStores STORES = new PostgresStores();

    @Override
    protected MonitorStore openStore() {
        return STORES.openEmpty();
    }
}
