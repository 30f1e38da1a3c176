package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.conformance.LosslessConformance;
import io.contextuate.monitor.conformance.StoreConformance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance kit's lossless area against real PostgreSQL, in a database of its own,
 * in schema monitor with table prefix cm_. */
class PostgresLosslessConformanceTest extends StoreConformance implements LosslessConformance {

    @RegisterExtension
    static final PostgresStores STORES = new PostgresStores("monitor", "cm_");

    @Override
    protected MonitorStore openStore() {
        return STORES.openEmpty();
    }
}
