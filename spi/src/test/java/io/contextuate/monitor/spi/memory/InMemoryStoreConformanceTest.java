package io.contextuate.monitor.spi.memory;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.conformance.MonitorStoreConformance;

/** The reference in-memory store passes the whole conformance kit, run exactly as a backend runs it. */
class InMemoryStoreConformanceTest extends MonitorStoreConformance {

    @Override
    protected MonitorStore openStore() {
        return new InMemoryMonitorStore();
    }
}
