package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.conformance.EventQueryConformance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance kit's EventQuery area against the real MariaDB/MySQL server, in a database of its own. */
class MySqlEventQueryConformanceTest extends EventQueryConformance {

    @RegisterExtension
    static final MySqlStores STORES = new MySqlStores("");

    @Override
    protected MonitorStore openStore() {
        return STORES.openEmpty();
    }
}
