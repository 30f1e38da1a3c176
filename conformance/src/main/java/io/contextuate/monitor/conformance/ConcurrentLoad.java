package io.contextuate.monitor.conformance;

/** The shape of {@link ConcurrencyConformance}'s load: writer threads and the events each writes. */
final class ConcurrentLoad {

    static final int THREADS = 4;
    /** Events each thread writes to a session of its own. */
    static final int OWN = 60;
    /** Events each thread writes to the one shared session. */
    static final int SHARED = 60;
    /** Events every thread saves, the same ones, racing the others. */
    static final int CONTESTED = 40;

    private ConcurrentLoad() {
    }
}
