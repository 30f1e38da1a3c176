package io.contextuate.monitor.benchmarks.migration;

import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;

/**
 * An experiment for the migrator, not a measurement of it: how much of the gap to the bulk load closes when the
 * source is read on one thread while the target saves on another. Three ways of moving the same file store into a
 * fresh schema, alternating, each round in a fresh database: the bulk load of the prepared rows; the store API on
 * one thread (read a batch, save it, as the migrator does, without its checkpoint, counting and byte sizing); and
 * the same with the reading on a second thread, at most two batches ahead (so memory stays bounded).
 *
 * <p>Usage: {@code OverlappedWriteExperiment postgresql|mysql SOURCE_STORE WORK_DIR [ROUNDS] [BATCH_EVENTS]}
 */
public final class OverlappedWriteExperiment {

    private static final List<MonitorEvent> END = List.of();

    private OverlappedWriteExperiment() {
    }

    public static void main(String[] args) throws Exception {
        BenchServer server = BenchServer.valueOf(args[0].toUpperCase(Locale.ROOT));
        Path source = Path.of(args[1]).toAbsolutePath();
        Path work = Path.of(args[2]).toAbsolutePath();
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        String database = "cm_bench_overlap_" + server.type;
        BaselineFiles files = BaselineFiles.write(source, work.resolve("baseline-" + server.type), server.format);
        Path config = server.writeConfig(database, work);
        String[] names = {"bulk load", "one thread", "two threads"};
        List<List<Double>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try {
            for (int round = 1; round <= rounds; round++) {
                for (int way = 0; way < 3; way++) {
                    server.create(database);
                    MonitorPersistence.schema(MonitorConfig.forStore(config)).orElseThrow().apply();
                    server.settle();
                    long start = System.nanoTime();
                    if (way == 0) {
                        server.bulkLoad(database, files);
                    } else {
                        copy(source, config, batch, way == 2);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long rows = server.countEvents(database);
                    if (rows != files.rows()) {
                        throw new IllegalStateException(names[way] + ": " + rows + " rows, expected " + files.rows());
                    }
                    times.get(way).add(seconds);
                    System.out.printf(Locale.ROOT, "round %d  %-11s %6.2f s  (load average %.2f)%n", round,
                            names[way], seconds, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                }
            }
            double bulk = median(times.get(0));
            for (int way = 1; way < 3; way++) {
                double m = median(times.get(way));
                System.out.printf(Locale.ROOT, "%s %-11s median %.2f s, ratio to the bulk load (%.2f s) %.2f%n",
                        server.type, names[way], m, bulk, bulk / m);
            }
        } finally {
            server.drop(database);
            Files.deleteIfExists(files.events());
            Files.deleteIfExists(files.sessions());
        }
    }

    private static void copy(Path source, Path config, int batch, boolean overlapped) throws InterruptedException {
        try (MonitorStore from = MonitorPersistence.open(MonitorConfig.fileStore(source));
             MonitorStore to = MonitorPersistence.open(MonitorConfig.forStore(config))) {
            try (Stream<SessionMeta> all = from.streamSessions()) {
                all.forEach(to::saveSession);
            }
            if (!overlapped) {
                read(from, batch, to::saveEvents);
                return;
            }
            BlockingQueue<List<MonitorEvent>> queue = new ArrayBlockingQueue<>(2);
            RuntimeException[] failed = {null};
            Thread reader = new Thread(() -> {
                try {
                    read(from, batch, b -> put(queue, b));
                } catch (RuntimeException e) {
                    failed[0] = e;
                } finally {
                    put(queue, END);
                }
            }, "source-reader");
            reader.start();
            for (List<MonitorEvent> b = queue.take(); b != END; b = queue.take()) {
                to.saveEvents(b);
            }
            reader.join();
            if (failed[0] != null) {
                throw failed[0];
            }
        }
    }

    /** What receives each full batch. */
    private interface Sink {
        void accept(List<MonitorEvent> batch);
    }

    private static void read(MonitorStore from, int batch, Sink sink) {
        List<String> ids;
        try (Stream<String> all = from.streamEventSessionIds()) {
            ids = all.toList();
        }
        List<MonitorEvent> pending = new ArrayList<>(batch);
        for (String id : ids) {
            try (Stream<MonitorEvent> all = from.streamEvents(id)) {
                for (Iterator<MonitorEvent> it = all.iterator(); it.hasNext(); ) {
                    pending.add(it.next());
                    if (pending.size() == batch) {
                        sink.accept(pending);
                        pending = new ArrayList<>(batch);
                    }
                }
            }
        }
        if (!pending.isEmpty()) {
            sink.accept(pending);
        }
    }

    private static void put(BlockingQueue<List<MonitorEvent>> queue, List<MonitorEvent> batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
