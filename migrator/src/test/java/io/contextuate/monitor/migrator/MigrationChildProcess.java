package io.contextuate.monitor.migrator;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A migration in a process of its own, for tests that kill it: {@code FROM TO REJECTS BATCH}. Prints
 * {@code progress PHASE EVENTS_DONE} after every saved batch and exits with the run's exit code.
 */
public final class MigrationChildProcess {

    private MigrationChildProcess() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        MigrationListener listener = new MigrationListener() {
            @Override
            public void progressed(MigrationProgress p) {
                out.println("progress " + p.phase() + " " + p.eventsDone());
                out.flush();
            }
        };
        MigrationOptions options = MigrationOptions.defaults().withRejectsDir(Path.of(args[2]))
                .withBatchEvents(Integer.parseInt(args[3]));
        MigrationSummary summary = new Migrator(options, listener).migrate(Path.of(args[0]), Path.of(args[1]));
        out.println("done " + summary.outcome());
        out.flush();
        System.exit(summary.exitCode());
    }
}
