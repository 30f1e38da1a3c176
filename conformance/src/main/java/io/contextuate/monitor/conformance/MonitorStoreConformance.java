package io.contextuate.monitor.conformance;

/**
 * The whole conformance kit in one class: the {@link io.contextuate.monitor.spi.MonitorStore} contract every
 * backend passes. A backend runs every test of the kit with one small test class:
 * <pre>{@code
 * class MyStoreConformanceTest extends MonitorStoreConformance {
 *     @Override
 *     protected MonitorStore openStore() {
 *         return new MyStore(...);   // a new, EMPTY store each call; the kit closes it after the test
 *     }
 * }
 * }</pre>
 * Add {@code io.contextuate.monitor:contextuate-monitor-conformance} with test scope (it brings JUnit Jupiter's
 * API and AssertJ; add the JUnit Jupiter engine to run it).
 *
 * <p>The kit's tests are inherited methods of the subclass, so Surefire and other build tools count and report them
 * under the subclass's own name ({@code Tests run: 77 ... in MyStoreConformanceTest}). Each area is an interface
 * that can also run on its own ({@link EventQueryConformance}, {@link EventSaveConformance},
 * {@link SessionConformance}, {@link DeletionConformance}, {@link StreamingConformance},
 * {@link LosslessConformance}, {@link ConcurrencyConformance}): extend {@link StoreConformance} and implement the
 * areas wanted.
 */
public abstract class MonitorStoreConformance extends StoreConformance
        implements EventQueryConformance, EventSaveConformance, SessionConformance, DeletionConformance,
        StreamingConformance, LosslessConformance, ConcurrencyConformance {
}
