package io.contextuate.monitor.cli;

import io.contextuate.monitor.migrator.MigrationProgress;

import java.time.Duration;
import java.util.Locale;

/**
 * The figures a progress display shows, worked out from a snapshot and the snapshot its phase started with:
 * fraction done, events per second within the phase, time left.
 *
 * @param progress the snapshot
 * @param start    the first snapshot of the same phase (the rate counts from there, so resumed work and the
 *                 session phase do not distort it)
 */
record ProgressFigures(MigrationProgress progress, MigrationProgress start) {

    /** Done as a fraction of the total, 0 to 1 (0 when the total is unknown). */
    double fraction() {
        return progress.eventsTotal() <= 0 ? 0 : Math.min(1.0, (double) progress.eventsDone() / progress.eventsTotal());
    }

    /** Events are counted but the source's total is not known (yet): it is counted beside the copying. */
    boolean totalUnknown() {
        return progress.eventsTotal() <= 0 && progress.eventsDone() > 0;
    }

    /** Events per second since the phase started. */
    double rate() {
        double seconds = Math.max(progress.elapsed().minus(start.elapsed()).toMillis(), 1) / 1000.0;
        return (progress.eventsDone() - start.eventsDone()) / seconds;
    }

    /** The time left at the current rate, or {@code null} when it cannot be told yet. */
    Duration remaining() {
        double rate = rate();
        if (totalUnknown()) {
            return null;
        }
        long left = progress.eventsTotal() - progress.eventsDone();
        if (left <= 0) {
            return Duration.ZERO;
        }
        return rate <= 0 ? null : Duration.ofSeconds((long) Math.ceil(left / rate));
    }

    /** "events 1,234/5,678 (21%), 950 events/s, 0:05 left, 2 rejected" (the parts that apply). */
    String describe() {
        StringBuilder sb = new StringBuilder();
        switch (progress.phase()) {
            case SESSIONS -> sb.append(progress.sessionsTotal() == 0 ? "reading sessions"
                    : String.format(Locale.ROOT, "sessions %,d/%,d", progress.sessionsDone(), progress.sessionsTotal()));
            case VERIFYING -> sb.append(String.format(Locale.ROOT, "verifying events %,d/%,d (%d%%)",
                    progress.eventsDone(), progress.eventsTotal(), Math.round(fraction() * 100)));
            default -> sb.append(totalUnknown()
                    ? String.format(Locale.ROOT, "events %,d, %,.0f events/s", progress.eventsDone(), rate())
                    : String.format(Locale.ROOT, "events %,d/%,d (%d%%), %,.0f events/s",
                    progress.eventsDone(), progress.eventsTotal(), Math.round(fraction() * 100), rate()));
        }
        Duration left = remaining();
        if (progress.phase() != MigrationProgress.Phase.SESSIONS && left != null) {
            sb.append(", ").append(clock(left)).append(" left");
        }
        if (progress.rejected() > 0) {
            sb.append(String.format(Locale.ROOT, ", %,d rejected", progress.rejected()));
        }
        return sb.toString();
    }

    /** h:mm:ss or m:ss. */
    static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
