package io.contextuate.monitor.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * A line on standard error that a long command rewrites as it goes ("\r"), at most a few times a second, and only
 * when a person is watching (a console): piped or redirected, the command stays quiet.
 */
final class StatusLine {

    private static final long INTERVAL_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private long lastShown;
    private int lastWidth;

    StatusLine(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
        this.lastShown = System.nanoTime();
    }

    /** A status line that shows only when the process has a console. */
    static StatusLine forConsole(PrintWriter err) {
        return new StatusLine(err, System.console() != null);
    }

    /** Shows the text if the last update is old enough; the text is only built when shown. */
    void update(Supplier<String> text) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastShown >= INTERVAL_NANOS) {
            lastShown = now;
            show(text.get());
        }
    }

    /** Clears the line, so that what follows starts on a clean one. */
    void clear() {
        if (enabled && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }

    private void show(String text) {
        String padded = text.length() < lastWidth ? text + " ".repeat(lastWidth - text.length()) : text;
        err.print("\r" + padded);
        err.flush();
        lastWidth = text.length();
    }
}
