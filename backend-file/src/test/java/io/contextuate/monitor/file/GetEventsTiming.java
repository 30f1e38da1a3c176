package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.EventQuery;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Prints how long {@code getEvents(session, limit)} takes on a store that {@link BenchmarkSessionWriter} wrote: the
 * first call of a freshly opened store (index read from disk), then the median of repeated calls. A measuring aid,
 * not a test. Arguments: base directory, session id, optional limit (default 100), optional repetitions (default 20).
 */
public final class GetEventsTiming {

    private GetEventsTiming() {
    }

    public static void main(String[] args) {
        Path base = Path.of(args[0]);
        String sessionId = args[1];
        int limit = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int repetitions = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        try (FileStore store = FileStore.open(base, null)) {
            long t = System.nanoTime();
            int n = store.getEvents(sessionId, EventQuery.newest(limit)).size();
            long first = System.nanoTime() - t;
            long[] times = new long[repetitions];
            for (int i = 0; i < repetitions; i++) {
                t = System.nanoTime();
                store.getEvents(sessionId, EventQuery.newest(limit));
                times[i] = System.nanoTime() - t;
            }
            Arrays.sort(times);
            System.out.printf("%s: %d events returned; first call %.2f ms, median of %d more %.2f ms%n",
                    sessionId, n, first / 1e6, repetitions, repetitions == 0 ? 0 : times[repetitions / 2] / 1e6);
        }
    }
}
