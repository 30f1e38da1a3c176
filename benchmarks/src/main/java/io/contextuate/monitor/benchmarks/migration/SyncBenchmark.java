package io.contextuate.monitor.benchmarks.migration;

import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.migrator.MigrationOptions;
import io.contextuate.monitor.migrator.Migrator;
import io.contextuate.monitor.migrator.Sync;
import io.contextuate.monitor.migrator.SyncOptions;
import io.contextuate.monitor.migrator.SyncSummary;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The live sync's figures: {@code lag SERVER RATE SECONDS} (append to readable-in-target, p50/p99/max, with a Node
 * writer appending across 50 sessions), {@code idle SESSIONS SECONDS} (CPU and heap of an idle
 * {@code sync --follow} child process over a store of that many sessions), {@code catchup SERVER SESSIONS EVENTS}
 * (a first sync of a generated store beside {@code migrate} of the same store). SERVER: postgresql or mysql.
 */
public final class SyncBenchmark {

    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "lag" -> lag(server(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "idle" -> idle(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "catchup" -> catchUp(server(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "follow" -> new Sync(SyncOptions.defaults().withStateDir(Path.of(args[1])))
                    .follow(List.of(Path.of(args[3])), Path.of(args[2]));
            default -> throw new IllegalArgumentException("lag | idle | catchup");
        }
    }

    private static BenchServer server(String name) {
        return name.equals("mysql") ? BenchServer.MYSQL : BenchServer.POSTGRESQL;
    }

    private static String database() {
        return "cm_syncbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static void lag(BenchServer server, int rate, int seconds) throws Exception {
        Path work = Files.createTempDirectory("syncbench");
        String db = database();
        server.create(db);
        try {
            Path target = server.writeConfig(db, work);
            Path source = work.resolve("source");
            Files.createDirectories(source.resolve("sessions"));
            try (MonitorStore t = MonitorPersistence.open(MonitorConfig.forStore(target))) {
                t.stats(); // the schema exists before the clock starts
            }
            Sync sync = new Sync(SyncOptions.defaults().withStateDir(work.resolve("state")));
            CompletableFuture<SyncSummary> following = CompletableFuture.supplyAsync(
                    () -> sync.follow(List.of(source), target));
            Process writer = node(work, "sync-rate-writer.js", source.toString(), "50", Integer.toString(rate),
                    Integer.toString(seconds));
            List<Long> lags = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            long total = (long) rate * seconds;
            try (MonitorStore t = MonitorPersistence.open(MonitorConfig.forStore(target))) {
                long deadline = System.currentTimeMillis() + seconds * 1000L + 60_000;
                while (seen.size() < total && System.currentTimeMillis() < deadline) {
                    long now = System.currentTimeMillis();
                    for (MonitorEvent e : t.getAllRecentEvents(5000)) { // a slower poll can miss some
                        if (seen.add(e.id())) {
                            lags.add(now - e.data().path("appendedAt").asLong());
                        }
                    }
                    Thread.sleep(20);
                }
            }
            writer.waitFor(60, TimeUnit.SECONDS);
            long held;
            try (MonitorStore t = MonitorPersistence.open(MonitorConfig.forStore(target))) {
                long deadline = System.currentTimeMillis() + 120_000;
                while ((held = t.stats().events()) < total && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
            }
            sync.stop();
            following.get(60, TimeUnit.SECONDS);
            System.out.printf(Locale.ROOT, "the target holds %d of %d events%n", held, total);
            long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "lag %s %d events/s for %d s: %d of %d events seen; p50 %d ms, p99 %d ms,"
                            + " max %d ms (polled every 20 ms)%n", server.type, rate, seconds, seen.size(), total,
                    pct(sorted, 50), pct(sorted, 99), sorted.length == 0 ? -1 : sorted[sorted.length - 1]);
        } finally {
            server.drop(db);
        }
    }

    static void idle(int sessions, int seconds) throws Exception {
        Path work = Files.createTempDirectory("syncidle");
        Path source = work.resolve("source");
        new UpstreamStoreGenerator(7).write(source, sessions, sessions * 20);
        Path target = work.resolve("target");
        new Sync(SyncOptions.defaults().withStateDir(work.resolve("state"))).once(List.of(source), target);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), SyncBenchmark.class.getName(), "follow",
                work.resolve("state").toString(), target.toString(), source.toString());
        Process child = new ProcessBuilder(command).inheritIO().start();
        try {
            Thread.sleep(15_000); // started, caught up, settled
            long hz = 100; // USER_HZ on Linux
            long before = cpuTicks(child.pid());
            String heapBefore = heap(child.pid());
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long ticks = cpuTicks(child.pid()) - before;
            double wall = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "idle sync --follow over %d sessions for %.0f s: %.2f%% of a core "
                    + "(%d ticks); heap before %s, after %s%n", sessions, wall, 100.0 * ticks / hz / wall, ticks,
                    heapBefore, heap(child.pid()));
        } finally {
            child.destroy();
            child.waitFor(60, TimeUnit.SECONDS);
        }
    }

    static void catchUp(BenchServer server, int sessions, int events) throws Exception {
        Path work = Files.createTempDirectory("synccatchup");
        Path source = work.resolve("source");
        new UpstreamStoreGenerator(42).write(source, sessions, sessions * events);
        String syncDb = database();
        String migrateDb = database();
        server.create(syncDb);
        server.create(migrateDb);
        try {
            Path syncTarget = server.writeConfig(syncDb, work);
            Path migrateTarget = server.writeConfig(migrateDb, work);
            long t0 = System.nanoTime();
            SyncSummary s = new Sync(SyncOptions.defaults().withStateDir(work.resolve("state")))
                    .once(List.of(source), syncTarget);
            double syncSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            new Migrator(MigrationOptions.defaults().withVerify(false).withRejectsDir(work.resolve("rejects")))
                    .migrate(source, migrateTarget);
            double migrateSeconds = (System.nanoTime() - t1) / 1e9;
            long n = (long) sessions * events;
            System.out.printf(Locale.ROOT, "catch-up %s, %d events: sync %.1f s (%.0f events/s, %d written), "
                            + "migrate without verification %.1f s (%.0f events/s); sync/migrate time %.2f%n",
                    server.type, n, syncSeconds, n / syncSeconds, s.sources().get(0).eventsWritten(), migrateSeconds,
                    n / migrateSeconds, syncSeconds / migrateSeconds);
        } finally {
            server.drop(syncDb);
            server.drop(migrateDb);
        }
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
    }

    private static String heap(long pid) throws Exception {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return Arrays.stream(out.split("\n")).filter(l -> l.contains("used")).findFirst().orElse("?").trim();
    }

    private static Process node(Path work, String script, String... args) throws Exception {
        Path file = work.resolve(script);
        try (InputStream in = SyncBenchmark.class.getResourceAsStream("/" + script)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of("node", file.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).inheritIO().start();
    }
}
