package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.conformance.MonitorStoreConformance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The file store passes the whole conformance kit, each test on a fresh temporary directory. */
class FileStoreConformanceTest extends MonitorStoreConformance {

    @TempDir
    Path base;

    @Override
    protected MonitorStore openStore() {
        return FileStore.open(base, null);
    }
}
