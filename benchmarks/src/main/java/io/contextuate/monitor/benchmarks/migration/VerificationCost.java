package io.contextuate.monitor.benchmarks.migration;

import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.migrator.MigrationOptions;
import io.contextuate.monitor.migrator.MigrationSummary;
import io.contextuate.monitor.migrator.Migrator;
import io.contextuate.monitor.migrator.Outcome;
import io.contextuate.monitor.migrator.RefusedRecords;
import io.contextuate.monitor.migrator.VerificationReport;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What verification costs against the load it checks: each round takes a fresh database with the backend's schema,
 * times {@code migrate} of the source without verification (the load), then times {@code Migrator.verify} of the
 * same source and target. Prints each round (wall time, and the CPU time of this process, which a loaded machine
 * inflates less) and the medians; ratio = verification time / load time (goal: at most 0.25).
 *
 * <p>Usage: {@code VerificationCost postgresql|mysql SOURCE_STORE WORK_DIR [ROUNDS]} (3 rounds).
 */
public final class VerificationCost {

    private VerificationCost() {
    }

    public static void main(String[] args) throws Exception {
        BenchServer server = BenchServer.valueOf(args[0].toUpperCase(Locale.ROOT));
        Path source = Path.of(args[1]).toAbsolutePath();
        Path work = Path.of(args[2]).toAbsolutePath();
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String database = "cm_bench_verify_" + server.type;
        Path config = server.writeConfig(database, work);
        List<Double> loads = new ArrayList<>();
        List<Double> verifies = new ArrayList<>();
        try {
            for (int round = 1; round <= rounds; round++) {
                server.create(database);
                MonitorPersistence.schema(MonitorConfig.forStore(config)).orElseThrow().apply();
                server.settle();
                Path runDir = work.resolve("verify-" + server.type + "-" + round);
                MigrationOptions options = MigrationOptions.defaults().withVerify(false)
                        .withRejectsDir(runDir.resolve("rejects")).withCheckpointFile(runDir.resolve("checkpoint"));
                long cpu = processCpu();
                long start = System.nanoTime();
                MigrationSummary summary = new Migrator(options).migrate(source, config);
                double load = (System.nanoTime() - start) / 1e9;
                double loadCpu = (processCpu() - cpu) / 1e9;
                if (summary.outcome() != Outcome.COMPLETED) {
                    throw new IllegalStateException("the migration did not complete: " + summary.describe());
                }
                cpu = processCpu();
                start = System.nanoTime();
                VerificationReport report = Migrator.verify(source, config, RefusedRecords.none());
                double verify = (System.nanoTime() - start) / 1e9;
                double verifyCpu = (processCpu() - cpu) / 1e9;
                if (!report.equal() || report.eventsCompared() != summary.events().read()) {
                    throw new IllegalStateException("verification did not pass: " + report.describe());
                }
                loads.add(load);
                verifies.add(verify);
                System.out.printf(Locale.ROOT, "round %d  load %7.2f s (client CPU %.2f s)  verify %7.2f s (client "
                                + "CPU %.2f s)  (%d events; ratio %.2f; load average %s)%n", round, load, loadCpu,
                        verify, verifyCpu, report.eventsCompared(), verify / load,
                        MigrationVersusBulkLoad.loadAverage());
            }
            double l = MigrationVersusBulkLoad.median(loads);
            double v = MigrationVersusBulkLoad.median(verifies);
            System.out.printf(Locale.ROOT, "%s: median load %.2f s, median verification %.2f s; ratio (verification"
                    + " / load) %.2f; load average at the end %s%n", server.type, l, v, v / l, MigrationVersusBulkLoad.loadAverage());
        } finally {
            server.drop(database);
        }
    }

    /** CPU time of this process (every thread), in nanoseconds. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
