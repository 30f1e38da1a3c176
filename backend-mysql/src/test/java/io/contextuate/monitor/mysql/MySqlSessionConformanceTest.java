package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.conformance.SessionConformance;
import io.contextuate.monitor.conformance.StoreConformance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance kit's Session area against the real MariaDB/MySQL server, in a database of its own. */
class MySqlSessionConformanceTest extends StoreConformance implements SessionConformance {

    @RegisterExtension
    static final MySqlStores STORES = new MySqlStores("");

    @Override
    protected MonitorStore openStore() {
        return STORES.openEmpty();
    }
}
