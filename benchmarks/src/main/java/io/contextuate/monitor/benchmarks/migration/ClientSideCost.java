package io.contextuate.monitor.benchmarks.migration;

import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.internal.RowMapping;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where a migration's client time goes, without any server: the CPU the migrating thread spends per event before a
 * row reaches the wire, cumulatively: reading the file store (JSON parsing included), plus the migrator's compact
 * JSON of each event (its batch byte count), plus the SQL row mapping, plus the COPY text encoding in UTF-8. Best
 * of {@code ROUNDS} passes each (the first pass warms the JIT and the page cache).
 *
 * <p>Usage: {@code ClientSideCost SOURCE_STORE [ROUNDS]}
 */
public final class ClientSideCost {

    private ClientSideCost() {
    }

    public static void main(String[] args) {
        Path source = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String[] steps = {"read the file store", "+ migrator's toLine", "+ RowMapping.toRow", "+ COPY text in UTF-8"};
        for (int depth = 0; depth < steps.length; depth++) {
            double best = Double.MAX_VALUE;
            long events = 0;
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                events = pass(source, depth);
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
            }
            System.out.printf(Locale.ROOT, "%-22s %6.2f s for %d events (%.0f events/s)%n", steps[depth], best,
                    events, events / best);
        }
    }

    private static long pass(Path source, int depth) {
        long events = 0;
        long sink = 0;
        try (MonitorStore store = MonitorPersistence.open(MonitorConfig.fileStore(source))) {
            List<String> ids;
            try (Stream<String> all = store.streamEventSessionIds()) {
                ids = all.toList();
            }
            for (String id : ids) {
                try (Stream<MonitorEvent> all = store.streamEvents(id)) {
                    for (Iterator<MonitorEvent> it = all.iterator(); it.hasNext(); ) {
                        MonitorEvent e = it.next();
                        events++;
                        if (depth >= 1) {
                            sink += MonitorJson.toLine(e).length;
                        }
                        if (depth >= 2) {
                            EventRow row = RowMapping.toRow(e);
                            if (depth >= 3) {
                                sink += BulkTextFormat.COPY.eventLine(row).getBytes(StandardCharsets.UTF_8).length;
                            }
                        }
                    }
                }
            }
        }
        return sink < 0 ? -1 : events;
    }
}
