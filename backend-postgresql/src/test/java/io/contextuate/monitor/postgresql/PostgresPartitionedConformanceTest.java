package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.conformance.MonitorStoreConformance;
import io.contextuate.monitor.spi.MonitorStore;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

/**
 * The whole conformance kit against real PostgreSQL on the partitioned layout (daily partitions, so the kit's
 * timestamps spread over many partitions and the catch-alls), with a table prefix.
 */
class PostgresPartitionedConformanceTest extends MonitorStoreConformance {

    @RegisterExtension
    static final PostgresStores STORES = new PostgresStores("public", "pt_", Map.of("partitioning", "daily"));

    @Override
    protected MonitorStore openStore() {
        return STORES.openEmpty();
    }
}
