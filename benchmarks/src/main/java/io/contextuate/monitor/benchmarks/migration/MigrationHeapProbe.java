package io.contextuate.monitor.benchmarks.migration;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.contextuate.monitor.migrator.MigrationOptions;
import io.contextuate.monitor.migrator.MigrationSummary;
import io.contextuate.monitor.migrator.Migrator;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Runs one migration with the migrator's defaults (verification included) and prints the heap it needed: the
 * live set (heap in use right after a full collection this probe forces every {@value #SAMPLE_MILLIS} ms; the
 * largest of those samples), the largest heap in use after any collection (floating garbage in the old generation
 * included), and the summed peaks of the heap pools (an upper bound, garbage included). Meant to run in a child JVM
 * with a small {@code -Xmx}.
 *
 * <p>Usage: {@code MigrationHeapProbe FROM TO WORK_DIR}
 */
public final class MigrationHeapProbe {

    private static final long SAMPLE_MILLIS = 3_000;

    private MigrationHeapProbe() {
    }

    public static void main(String[] args) {
        AtomicLong liveAfterGc = new AtomicLong();
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                        .from((CompositeData) n.getUserData());
                long used = 0;
                for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(e.getKey())) {
                        used += e.getValue().getUsed();
                    }
                }
                liveAfterGc.accumulateAndGet(used, Math::max);
            }, n -> n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION), null);
        }
        AtomicLong liveSet = new AtomicLong();
        Thread sampler = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(SAMPLE_MILLIS);
                    System.gc();
                    liveSet.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                            Math::max);
                }
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            }
        }, "live-set-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Path work = Path.of(args[2]);
        MigrationOptions options = MigrationOptions.defaults().withRejectsDir(work.resolve("rejects"))
                .withCheckpointFile(work.resolve("checkpoint"));
        long start = System.nanoTime();
        MigrationSummary s = new Migrator(options).migrate(Path.of(args[0]), Path.of(args[1]));
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                MemoryUsage peak = pool.getPeakUsage();
                poolPeaks += peak.getUsed();
            }
        }
        System.out.println(s.describe());
        System.out.printf(Locale.ROOT, "heap: outcome=%s events=%d seconds=%.1f liveSetMiB=%.1f "
                        + "maxAfterAnyGcMiB=%.1f summedPoolPeaksMiB=%.1f xmxMiB=%.0f%n", s.outcome(), s.events().read(),
                seconds, liveSet.get() / 1048576.0, liveAfterGc.get() / 1048576.0, poolPeaks / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
        System.exit(s.exitCode());
    }
}
