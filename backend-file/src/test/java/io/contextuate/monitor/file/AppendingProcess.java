package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.model.MonitorEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A second JVM for {@link CrossProcessAppendTest}: appends events with large payloads to one session, one by one and
 * in small batches, through its own file store. It creates the file {@code <base>/start.ready} and starts
 * once {@code <base>/start.go} exists, so both writers start together. Arguments: base directory, session id, id prefix, count,
 * payload characters.
 */
public final class AppendingProcess {

    private AppendingProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        warmUp(base, "child");
        Files.createFile(signal(base, "ready"));
        while (!Files.exists(signal(base, "go"))) {
            Thread.sleep(5);
        }
        String sessionId = args[1];
        String prefix = args[2];
        int count = Integer.parseInt(args[3]);
        int payload = Integer.parseInt(args[4]);
        try (FileStore store = FileStore.open(base, null)) {
            appendAll(store, sessionId, prefix, count, payload);
        }
    }

    /** Loads and compiles the writing code on a store of its own, so that the race starts at full speed. */
    static void warmUp(Path base, String writer) {
        try (FileStore store = FileStore.open(base.resolve("warm-up-" + writer), null)) {
            appendAll(store, "warmup", writer, 300, 1000);
        }
    }

    /** The file that signals a step of the start handshake. */
    static Path signal(Path base, String step) {
        return base.resolve("start." + step);
    }

    /** Appends {@code count} own events and {@code count / 10} shared ones (the same ids in every writer). */
    static void appendAll(FileStore store, String sessionId, String prefix, int count, int payload) {
        List<MonitorEvent> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MonitorEvent own = TestRecords.eventWithPayload(sessionId, prefix + i, TestRecords.T0 + i, payload);
            if (i % 3 == 0) {
                store.saveEvent(own);
            } else {
                batch.add(own);
                if (batch.size() == 4) {
                    store.saveEvents(batch);
                    batch.clear();
                }
            }
            if (i % 10 == 0) {
                store.saveEvent(TestRecords.eventWithPayload(sessionId, "shared-" + i, TestRecords.T0 + i, 100));
            }
        }
        store.saveEvents(batch);
    }
}
