package io.contextuate.monitor.conformance;

import io.contextuate.monitor.spi.MonitorStore;

/**
 * What every conformance area is written against: the store under test, fresh and empty for each test.
 * {@link StoreConformance} implements it; a backend's test class extends that and implements the areas it runs.
 */
public interface StoreUnderTest {

    /** The store under test: new and empty at the start of each test, closed by the kit after it. */
    MonitorStore store();
}
