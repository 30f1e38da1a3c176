package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.conformance.EventQueryConformance;
import io.contextuate.monitor.conformance.StoreConformance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance kit's EventQuery area against the real MariaDB/MySQL server, in a database of its own. */
class MySqlEventQueryConformanceTest extends StoreConformance implements EventQueryConformance {

    @RegisterExtension
    static final MySqlStores STORES = new MySqlStores("");

    @Override
    protected MonitorStore openStore() {
        return STORES.openEmpty();
    }
}
