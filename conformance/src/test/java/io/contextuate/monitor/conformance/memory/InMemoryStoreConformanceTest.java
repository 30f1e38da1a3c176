package io.contextuate.monitor.conformance.memory;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.conformance.MonitorStoreConformance;

/** The reference in-memory store passes the whole conformance kit, run exactly as a backend runs it. */
class InMemoryStoreConformanceTest extends MonitorStoreConformance {

    @Override
    protected MonitorStore openStore() {
        return new InMemoryMonitorStore();
    }
}
