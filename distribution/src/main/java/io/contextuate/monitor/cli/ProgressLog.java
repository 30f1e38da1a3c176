package io.contextuate.monitor.cli;

import io.contextuate.monitor.migrator.MigrationProgress;
import io.contextuate.monitor.migrator.Reject;

import java.io.PrintWriter;

/**
 * Progress for a log: when standard error is piped or redirected, a plain line at most every few seconds
 * ({@code migrate: events 123,456/274,000 (45%), 9,870 events/s, 0:15 left}), plus one line per reject (the first
 * few). A wait for the target is the retry policy's own WARN line.
 */
final class ProgressLog implements ProgressDisplay {

    private static final long INTERVAL_NANOS = 5_000_000_000L;
    private static final int REJECTS_SHOWN = 20;

    private final PrintWriter err;
    private final String prefix;
    private long lastLogged = System.nanoTime();
    private MigrationProgress phaseStart;
    private long rejectsShown;

    ProgressLog(PrintWriter err, String command) {
        this.err = err;
        this.prefix = command + ": ";
    }

    @Override
    public synchronized void progressed(MigrationProgress progress) {
        long now = System.nanoTime();
        boolean newPhase = phaseStart == null || phaseStart.phase() != progress.phase();
        if (newPhase) {
            phaseStart = progress;
        }
        boolean verifying = newPhase && progress.phase() == MigrationProgress.Phase.VERIFYING;
        if (progress.phase() == MigrationProgress.Phase.DONE || (!verifying && now - lastLogged < INTERVAL_NANOS)) {
            return;
        }
        lastLogged = now;
        line(new ProgressFigures(progress, phaseStart).describe());
    }

    @Override
    public synchronized void rejected(Reject reject) {
        rejectsShown++;
        if (rejectsShown <= REJECTS_SHOWN) {
            line("rejected: " + HumanFormat.oneLine(reject.describe()));
        } else if (rejectsShown == REJECTS_SHOWN + 1) {
            line("(more rejects: see the rejects folder)");
        }
    }

    @Override
    public void close() {
        err.flush();
    }

    private void line(String text) {
        err.println(prefix + text);
        err.flush();
    }
}
