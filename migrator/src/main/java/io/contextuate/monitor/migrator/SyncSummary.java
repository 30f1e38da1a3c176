package io.contextuate.monitor.migrator;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link Sync} did, per source and in all.
 *
 * @param target  the target store, for people
 * @param outcome how it ended
 * @param message one sentence for people
 * @param sources what each source carried
 * @param elapsed how long it ran
 */
public record SyncSummary(String target, Outcome outcome, String message, List<Source> sources, Duration elapsed) {

    public SyncSummary {
        sources = List.copyOf(sources);
    }

    /**
     * What one source carried.
     *
     * @param source          the source directory
     * @param sessionsWritten session records written to the target (changed in the source since last carried)
     * @param eventsWritten   events new in the target
     * @param eventsPresent   events read again that the target already held (a repeat after a crash, a rewritten file)
     * @param deleted         sessions deleted in the target because the source deleted them
     * @param rejected        records kept in the rejects folder
     * @param rejectsDir      the rejects folder
     * @param lastError       the last error met, or {@code null}
     */
    public record Source(String source, long sessionsWritten, long eventsWritten, long eventsPresent, long deleted,
                         long rejected, String rejectsDir, String lastError) {
    }

    /** The command line's exit code (see {@link Outcome}). */
    public int exitCode() {
        return outcome.exitCode();
    }

    /** Several lines for people. */
    public String describe() {
        StringBuilder b = new StringBuilder(message);
        for (Source s : sources) {
            b.append(System.lineSeparator()).append("  ").append(s.source()).append(": ")
                    .append(s.sessionsWritten()).append(" session record(s) and ").append(s.eventsWritten())
                    .append(" event(s) written, ").append(s.eventsPresent()).append(" event(s) already there");
            if (s.deleted() > 0) {
                b.append(", ").append(s.deleted()).append(" session(s) deleted");
            }
            if (s.rejected() > 0) {
                b.append(", ").append(s.rejected()).append(" rejected (").append(s.rejectsDir()).append(')');
            }
        }
        return b.toString();
    }
}
