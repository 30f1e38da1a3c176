package io.contextuate.monitor.conformance;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state and lifecycle of a conformance test class: opens a fresh, empty store before each test and closes it
 * after. The areas of the kit are interfaces whose tests a subclass runs by implementing them:
 * {@link MonitorStoreConformance} implements all of them; to run a single area, for example while a backend is being
 * written, extend this class and implement that area:
 * <pre>{@code
 * class MyEventQueryTest extends StoreConformance implements EventQueryConformance {
 *     @Override
 *     protected MonitorStore openStore() {
 *         return new MyStore(...);
 *     }
 * }
 * }</pre>
 * Either way the tests run as methods of the subclass, so a build tool reports them under its name.
 */
public abstract class StoreConformance implements StoreUnderTest {

    private MonitorStore store;

    /**
     * Opens a new, empty store (for example on a freshly created schema or temporary directory). Called once per
     * test; the kit closes the store after the test.
     */
    protected abstract MonitorStore openStore();

    @Override
    public final MonitorStore store() {
        if (store == null) {
            throw new IllegalStateException("the store under test exists only while a test runs");
        }
        return store;
    }

    @BeforeEach
    final void openEmptyStore() {
        store = openStore();
        assertThat(store.stats()).as("openStore() must give an empty store").isEqualTo(new StoreStats(0, 0));
    }

    @AfterEach
    final void closeStore() {
        if (store != null) {
            try {
                store.close();
            } finally {
                store = null;
            }
        }
    }
}
