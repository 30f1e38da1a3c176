package io.contextuate.monitor.conformance;

import io.contextuate.monitor.spi.MonitorStore;
import org.junit.jupiter.api.Nested;

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
 * API and AssertJ; add the JUnit Jupiter engine to run it). Each area also exists on its own ({@link EventQueryConformance},
 * {@link EventSaveConformance}, {@link SessionConformance}, {@link DeletionConformance},
 * {@link StreamingConformance}, {@link LosslessConformance}, {@link ConcurrencyConformance}) for a backend that
 * wants to run one area, for example while it is being written.
 *
 * <p>JUnit runs the kit's tests as nested classes named {@code MonitorStoreConformance$EventQueries} and so on
 * (surefire reports them under those names). To select them with surefire's {@code -Dtest}, name both:
 * {@code -Dtest='MyStoreConformanceTest,MonitorStoreConformance*'}.
 */
public abstract class MonitorStoreConformance {

    /** Opens a new, empty store; called once per test, and the kit closes the store after the test. */
    protected abstract MonitorStore openStore();

    /** getEvents, getEventById, getAllRecentEvents. */
    @Nested
    class EventQueries extends EventQueryConformance {
        @Override
        protected MonitorStore openStore() {
            return MonitorStoreConformance.this.openStore();
        }
    }

    /** saveEvent, saveEvents. */
    @Nested
    class EventSaves extends EventSaveConformance {
        @Override
        protected MonitorStore openStore() {
            return MonitorStoreConformance.this.openStore();
        }
    }

    /** saveSession, getSession, getSessions, updateSession. */
    @Nested
    class Sessions extends SessionConformance {
        @Override
        protected MonitorStore openStore() {
            return MonitorStoreConformance.this.openStore();
        }
    }

    /** deleteSession, deleteAllSessions, pruneOldSessions. */
    @Nested
    class Deletions extends DeletionConformance {
        @Override
        protected MonitorStore openStore() {
            return MonitorStoreConformance.this.openStore();
        }
    }

    /** streamSessions, streamEventSessionIds, streamEvents, stats. */
    @Nested
    class Streaming extends StreamingConformance {
        @Override
        protected MonitorStore openStore() {
            return MonitorStoreConformance.this.openStore();
        }
    }

    /** Lossless round trips of upstream-shaped records. */
    @Nested
    class Lossless extends LosslessConformance {
        @Override
        protected MonitorStore openStore() {
            return MonitorStoreConformance.this.openStore();
        }
    }

    /** Concurrent writers. */
    @Nested
    class Concurrency extends ConcurrencyConformance {
        @Override
        protected MonitorStore openStore() {
            return MonitorStoreConformance.this.openStore();
        }
    }
}
