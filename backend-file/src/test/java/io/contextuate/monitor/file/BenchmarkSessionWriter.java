package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes one session of N events into a file store, for timing the command line on a short and a long session.
 * Timestamps mostly rise with a little disorder, as upstream's arrival order has; payloads are a few hundred bytes.
 *
 * <p>Arguments: base directory, session id, number of events, optional payload characters (default 300).
 * Example: {@code java -cp <test classpath> io.contextuate.monitor.file.BenchmarkSessionWriter /tmp/bench s200k 200000}
 */
public final class BenchmarkSessionWriter {

    private BenchmarkSessionWriter() {
    }

    public static void main(String[] args) {
        Path base = Path.of(args[0]);
        String sessionId = args[1];
        int count = Integer.parseInt(args[2]);
        int payload = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        long started = System.nanoTime();
        try (FileStore store = FileStore.open(base, null)) {
            write(store, sessionId, count, payload);
        }
        System.out.printf("wrote %d events of session %s to %s in %d ms%n", count, sessionId, base,
                (System.nanoTime() - started) / 1_000_000);
    }

    static void write(FileStore store, String sessionId, int count, int payload) {
        SessionMeta meta = TestRecords.session(sessionId, TestRecords.T0);
        store.saveSession(meta);
        Random random = new Random(count);
        List<MonitorEvent> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long ts = TestRecords.T0 + i * 10L - random.nextInt(50);
            batch.add(TestRecords.eventWithPayload(sessionId, sessionId + "-" + i, ts, payload));
            if (batch.size() == 1000) {
                store.saveEvents(batch);
                batch.clear();
            }
        }
        store.saveEvents(batch);
    }
}
