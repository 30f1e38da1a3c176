package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.conformance.DeletionConformance;
import io.contextuate.monitor.conformance.StoreConformance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance kit's Deletion area against the real MariaDB/MySQL server, in a database of its own. */
class MySqlDeletionConformanceTest extends StoreConformance implements DeletionConformance {

    @RegisterExtension
    static final MySqlStores STORES = new MySqlStores("");

    @Override
    protected MonitorStore openStore() {
        return STORES.openEmpty();
    }
}
