package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.conformance.EventSaveConformance;
import io.contextuate.monitor.conformance.StoreConformance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance kit's EventSave area against the real MariaDB/MySQL server, in a database of its own, with table prefix cm_. */
class MySqlEventSaveConformanceTest extends StoreConformance implements EventSaveConformance {

    @RegisterExtension
    static final MySqlStores STORES = new MySqlStores("cm_");

    @Override
    protected MonitorStore openStore() {
        return STORES.openEmpty();
    }
}
