package io.contextuate.monitor.benchmarks.migration;

import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.migrator.MigrationListener;
import io.contextuate.monitor.migrator.MigrationOptions;
import io.contextuate.monitor.migrator.MigrationProgress;
import io.contextuate.monitor.migrator.MigrationSummary;
import io.contextuate.monitor.migrator.Migrator;
import io.contextuate.monitor.migrator.Outcome;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * File store to SQL through the migrator, against the server's own bulk load ({@code COPY} / {@code LOAD DATA LOCAL
 * INFILE}) of the same rows, prepared as files before any clock starts, into the same schema (a fresh database with
 * the backend's schema applied through {@code MonitorPersistence.schema(config).apply()} before each run). The two
 * alternate, each round in a fresh database: bulk load timed, then migrator timed; the medians give the ratio
 * (bulk load time / migrator time, so 1.0 means the migrator is as fast as the bulk load).
 *
 * <p>Usage: {@code MigrationVersusBulkLoad postgresql|mysql SOURCE_STORE WORK_DIR [ROUNDS] [BATCH_EVENTS]}
 * (3 rounds, the migrator's default batch size). The migrator runs with its defaults except: no verification (its
 * time is measured once, separately, after the rounds), and fresh checkpoint and rejects folders each round.
 */
public final class MigrationVersusBulkLoad {

    private MigrationVersusBulkLoad() {
    }

    public static void main(String[] args) throws Exception {
        BenchServer server = BenchServer.valueOf(args[0].toUpperCase(Locale.ROOT));
        Path source = Path.of(args[1]).toAbsolutePath();
        Path work = Path.of(args[2]).toAbsolutePath();
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : MigrationOptions.DEFAULT_BATCH_EVENTS;
        String database = "cm_bench_migration_" + server.type;

        long t0 = System.nanoTime();
        BaselineFiles files = BaselineFiles.write(source, work.resolve("baseline-" + server.type), server.format);
        System.out.printf(Locale.ROOT, "prepared %d event rows for %s (%.1f MB) in %.1f s (not timed)%n",
                files.rows(), server.type, Files.size(files.events()) / 1e6, (System.nanoTime() - t0) / 1e9);
        Path config = server.writeConfig(database, work);
        List<Double> bulk = new ArrayList<>();
        List<Double> migrator = new ArrayList<>();
        try {
            for (int round = 1; round <= rounds; round++) {
                fresh(server, database, config);
                long start = System.nanoTime();
                long loaded = server.bulkLoad(database, files);
                double seconds = (System.nanoTime() - start) / 1e9;
                check(loaded, files.rows(), server.countEvents(database), "bulk load");
                bulk.add(seconds);
                report(round, "bulk load", seconds, loaded);

                fresh(server, database, config);
                Run run = migrate(source, config, work.resolve("migration-" + server.type + "-" + round), batch, false);
                check(run.summary.events().written(), files.rows(), server.countEvents(database), "migrator");
                migrator.add(run.seconds);
                report(round, "migrator", run.seconds, run.summary.events().written());
                System.out.printf(Locale.ROOT,
                        "          (migrator phases: sessions and counting %.1f s, events %.1f s)%n",
                        run.beforeEvents, run.seconds - run.beforeEvents);
            }
            double b = median(bulk);
            double m = median(migrator);
            System.out.printf(Locale.ROOT, "%s: median bulk load %.2f s (%.0f events/s), median migrator %.2f s "
                            + "(%.0f events/s); ratio (bulk time / migrator time) %.2f; load average at the end %s%n",
                    server.type, b, files.rows() / b, m, files.rows() / m, b / m, loadAverage());

            fresh(server, database, config);
            Run verified = migrate(source, config, work.resolve("migration-" + server.type + "-verified"), batch, true);
            System.out.printf(Locale.ROOT, "%s: one migration with verification: %.2f s in all, of which verification "
                            + "%.2f s; outcome %s%n", server.type, verified.seconds,
                    verified.summary.verificationTime().toMillis() / 1e3, verified.summary.outcome());
        } finally {
            server.drop(database);
        }
    }

    /** A timed migration: its summary, its seconds, and the seconds before the event phase began. */
    private record Run(MigrationSummary summary, double seconds, double beforeEvents) {
    }

    private static Run migrate(Path source, Path config, Path work, int batch, boolean verify) {
        MigrationOptions options = MigrationOptions.defaults().withBatchEvents(batch).withVerify(verify)
                .withRejectsDir(work.resolve("rejects")).withCheckpointFile(work.resolve("checkpoint"));
        long start = System.nanoTime();
        long[] eventsBegan = {0};
        MigrationListener phases = new MigrationListener() {
            @Override
            public void progressed(MigrationProgress p) {
                if (eventsBegan[0] == 0 && p.phase() == MigrationProgress.Phase.EVENTS) {
                    eventsBegan[0] = System.nanoTime();
                }
            }
        };
        MigrationSummary summary = new Migrator(options, phases).migrate(source, config);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (summary.outcome() != Outcome.COMPLETED) {
            throw new IllegalStateException("the migration did not complete: " + summary.describe());
        }
        return new Run(summary, seconds, eventsBegan[0] == 0 ? 0 : (eventsBegan[0] - start) / 1e9);
    }

    /** A fresh database with the backend's schema applied, and the server's dirty pages flushed. */
    private static void fresh(BenchServer server, String database, Path config) throws SQLException {
        server.create(database);
        MonitorPersistence.schema(MonitorConfig.forStore(config)).orElseThrow().apply();
        server.settle();
    }

    private static void check(long reported, long expected, long inTable, String path) {
        if (reported != expected || inTable != expected) {
            throw new IllegalStateException(path + " wrote " + reported + " events, the table holds " + inTable
                    + ", expected " + expected);
        }
    }

    private static void report(int round, String path, double seconds, long events) {
        System.out.printf(Locale.ROOT, "round %d  %-9s %7.2f s  %8.0f events/s  (load average %s)%n", round, path,
                seconds, events / seconds, loadAverage());
    }

    static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
