package io.contextuate.monitor.cli;

import io.contextuate.monitor.spi.RetryPolicy;
import io.contextuate.monitor.migrator.MigrationProgress;
import io.contextuate.monitor.migrator.Reject;

import java.io.PrintWriter;

/**
 * A progress bar on a terminal: one line on standard error, redrawn in place ({@code \r}) a few times a second:
 * {@code [#########...........]  45%  events 123,456/274,000, 9,870 events/s, 0:15 left}. Rejects and retries are
 * printed above it.
 */
final class ProgressBar implements ProgressDisplay {

    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int REJECTS_SHOWN = 20;

    private final PrintWriter err;
    private long lastDrawn;
    private int lastWidth;
    private long rejectsShown;
    private MigrationProgress phaseStart;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void progressed(MigrationProgress progress) {
        long now = System.nanoTime();
        boolean newPhase = phaseStart == null || phaseStart.phase() != progress.phase();
        if (newPhase) {
            phaseStart = progress;
        }
        boolean phaseEnd = progress.phase() == MigrationProgress.Phase.DONE;
        if (!phaseEnd && !newPhase && now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        if (phaseEnd) {
            clearLine();
            return;
        }
        ProgressFigures f = new ProgressFigures(progress, phaseStart);
        int filled = (int) Math.round(f.fraction() * WIDTH);
        String bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%  ", Math.round(f.fraction() * 100)) + f.describe();
        draw(bar);
    }

    @Override
    public synchronized void rejected(Reject reject) {
        rejectsShown++;
        if (rejectsShown <= REJECTS_SHOWN) {
            above("rejected: " + HumanFormat.oneLine(reject.describe()));
        } else if (rejectsShown == REJECTS_SHOWN + 1) {
            above("(more rejects: see the rejects folder)");
        }
    }

    @Override
    public synchronized void retrying(RetryPolicy.Wait wait) {
        if (wait.failures() == 1) {
            clearLine(); // the retry policy's WARN line follows on a clean line
        }
    }

    @Override
    public synchronized void close() {
        clearLine();
    }

    private void above(String line) {
        clearLine();
        err.println(line);
        err.flush();
    }

    private void draw(String text) {
        String padded = text.length() < lastWidth ? text + " ".repeat(lastWidth - text.length()) : text;
        err.print("\r" + padded);
        err.flush();
        lastWidth = text.length();
    }

    private void clearLine() {
        if (lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }
}
