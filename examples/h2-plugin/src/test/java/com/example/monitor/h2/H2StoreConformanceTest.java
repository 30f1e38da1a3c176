package com.example.monitor.h2;

import io.contextuate.monitor.conformance.MonitorStoreConformance;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreSettings;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** The H2 store passes the whole conformance kit, each test on a new database file. */
class H2StoreConformanceTest extends MonitorStoreConformance {

    @TempDir
    Path dir;

    private int stores;

    @Override
    protected MonitorStore openStore() {
        Path file = dir.resolve("monitor-" + stores++);
        return new H2StoreProvider().open(new StoreContext(
                StoreSettings.of(Map.of("database.path", file.toString())), null, null));
    }
}
