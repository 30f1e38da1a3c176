package io.contextuate.monitor.cli;

import io.contextuate.monitor.migrator.MigrationListener;

import java.io.PrintWriter;

/**
 * Shows a migration's progress on standard error: a bar redrawn in place when a person watches a terminal, a plain
 * line every few seconds when the output is piped or redirected.
 */
interface ProgressDisplay extends MigrationListener, AutoCloseable {

    /** A bar when the process has a console, log lines otherwise. */
    static ProgressDisplay forStandardError(PrintWriter err, String command) {
        return System.console() != null ? new ProgressBar(err) : new ProgressLog(err, command);
    }

    /** Ends the display, leaving the cursor on a clean line. */
    @Override
    void close();
}
