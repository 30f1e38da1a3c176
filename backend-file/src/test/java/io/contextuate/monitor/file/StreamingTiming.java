package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.AccessMode;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Prints how long a whole-session stream takes on a read-only store, side by side in one process, alternating:
 * {@code streamEvents} (index built in memory, then the chronological pass) and {@code streamEventsInSaveOrder} (one
 * pass, no index), each on a freshly opened store, with the heap in use after each. A measuring aid, not a test.
 * Arguments: base directory, session id, optional rounds (default 5).
 */
public final class StreamingTiming {

    private StreamingTiming() {
    }

    public static void main(String[] args) {
        Path base = Path.of(args[0]);
        String sessionId = args[1];
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        long[] indexed = new long[rounds];
        long[] onePass = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            indexed[r] = time(base, sessionId, FileStore::streamEvents, "streamEvents");
            onePass[r] = time(base, sessionId, FileStore::streamEventsInSaveOrder, "streamEventsInSaveOrder");
        }
        Arrays.sort(indexed);
        Arrays.sort(onePass);
        System.out.printf("median of %d: streamEvents %.0f ms, streamEventsInSaveOrder %.0f ms, ratio %.2f%n", rounds,
                indexed[rounds / 2] / 1e6, onePass[rounds / 2] / 1e6, (double) onePass[rounds / 2] / indexed[rounds / 2]);
    }

    private static long time(Path base, String sessionId, BiFunction<FileStore, String, Stream<MonitorEvent>> read,
                             String name) {
        try (FileStore store = FileStore.open(base, null, AccessMode.READ_ONLY)) {
            long t = System.nanoTime();
            long n;
            try (Stream<MonitorEvent> events = read.apply(store, sessionId)) {
                n = events.count();
            }
            long elapsed = System.nanoTime() - t;
            Runtime rt = Runtime.getRuntime();
            System.out.printf("%s: %d events in %.0f ms, heap in use %d MiB%n", name, n, elapsed / 1e6,
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
            return elapsed;
        }
    }
}
