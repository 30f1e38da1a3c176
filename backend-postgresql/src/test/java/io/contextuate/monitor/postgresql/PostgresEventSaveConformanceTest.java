package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.conformance.EventSaveConformance;
import io.contextuate.monitor.conformance.StoreConformance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance kit's event save area against real PostgreSQL, in a database of its own, with table prefix x_. */
class PostgresEventSaveConformanceTest extends StoreConformance implements EventSaveConformance {

    @RegisterExtension
    static final PostgresStores STORES = new PostgresStores("public", "x_");

    @Override
    protected MonitorStore openStore() {
        return STORES.openEmpty();
    }
}
