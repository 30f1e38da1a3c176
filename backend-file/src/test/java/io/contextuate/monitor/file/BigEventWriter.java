package io.contextuate.monitor.file;

import java.nio.file.Path;

/**
 * A second JVM for {@link InterruptedAppendRepairTest}: saves large events one by one into one session of its own
 * file store, so that a {@code kill -9} can land in the middle of a write. Arguments: base directory, session id,
 * id prefix, count, payload characters.
 */
public final class BigEventWriter {

    private BigEventWriter() {
    }

    public static void main(String[] args) {
        try (FileStore store = FileStore.open(Path.of(args[0]), null)) {
            int count = Integer.parseInt(args[3]);
            int payload = Integer.parseInt(args[4]);
            for (int i = 0; i < count; i++) {
                store.saveEvent(TestRecords.eventWithPayload(args[1], args[2] + i, TestRecords.T0 + i, payload));
            }
        }
    }
}
