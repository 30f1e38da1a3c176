package io.contextuate.monitor.conformance;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base of every conformance test class: opens a fresh, empty store before each test and closes it after.
 *
 * <p>Plugin authors do not extend this directly: extend {@link MonitorStoreConformance} (the whole kit) or one of
 * the area classes ({@link EventQueryConformance}, {@link EventSaveConformance}, {@link SessionConformance},
 * {@link DeletionConformance}, {@link StreamingConformance}, {@link LosslessConformance},
 * {@link ConcurrencyConformance}) and implement {@link #openStore()}.
 */
public abstract class StoreConformance {

    /** The store under test, fresh for each test. */
    protected MonitorStore store;

    /**
     * Opens a new, empty store (for example on a freshly created schema or temporary directory). Called once per
     * test; the kit closes the store after the test.
     */
    protected abstract MonitorStore openStore();

    @BeforeEach
    final void openEmptyStore() {
        store = openStore();
        assertThat(store.stats()).as("openStore() must give an empty store").isEqualTo(new StoreStats(0, 0));
    }

    @AfterEach
    final void closeStore() {
        if (store != null) {
            store.close();
        }
    }
}
