package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a migration run did.
 *
 * @param source                 the source store, as it describes itself
 * @param target                 the target store, as it describes itself
 * @param outcome                how the run ended
 * @param message                one sentence for people on how it ended and what to do next
 * @param dryRun                 whether nothing was written
 * @param sessions               session records
 * @param events                 events
 * @param reconstructedSessions  sessions written from their events because the source had no readable record
 * @param reconstructedIds       the first of those sessions (at most {@link Verifier#MAX_LISTED})
 * @param rejected               rejects kept in the rejects folder in this run (all kinds)
 * @param resumedSessions        sessions completed by an earlier, interrupted run and skipped now
 * @param resumedEvents          the events of those sessions
 * @param elapsed                wall time of the run, verification included
 * @param verificationTime       wall time of the verification at the end (zero when not run)
 * @param rejectsDir             where rejects are kept
 * @param checkpointFile         where progress is kept
 * @param verification           the comparison at the end, or {@code null} when not run
 */
public record MigrationSummary(String source, String target, Outcome outcome, String message, boolean dryRun,
                               RecordCounts sessions, RecordCounts events, long reconstructedSessions,
                               List<String> reconstructedIds,
                               long rejected, long resumedSessions, long resumedEvents, Duration elapsed,
                               Duration verificationTime, Path rejectsDir, Path checkpointFile,
                               VerificationReport verification) {

    public MigrationSummary {
        reconstructedIds = List.copyOf(reconstructedIds);
    }

    /** The command line's exit code for this run. */
    public int exitCode() {
        return outcome.exitCode();
    }

    /** Events read per second of wall time, verification left out. */
    public double eventsPerSecond() {
        double s = Math.max(elapsed.minus(verificationTime).toMillis(), 1) / 1000.0;
        return events.read() / s;
    }

    /** The verification, when it ran. */
    public Optional<VerificationReport> verificationReport() {
        return Optional.ofNullable(verification);
    }

    /** The summary as JSON (for {@code --summary FILE}). */
    public ObjectNode toJson() {
        ObjectNode o = MonitorJson.newObject();
        o.put("source", source);
        o.put("target", target);
        o.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
        o.put("exitCode", exitCode());
        o.put("message", message);
        o.put("dryRun", dryRun);
        o.set("sessions", counts(sessions));
        o.set("events", counts(events));
        o.put("reconstructedSessions", reconstructedSessions);
        reconstructedIds.forEach(o.putArray("reconstructedSessionIds")::add);
        o.put("rejected", rejected);
        o.put("resumedSessions", resumedSessions);
        o.put("resumedEvents", resumedEvents);
        o.put("elapsedMs", elapsed.toMillis());
        o.put("verificationMs", verificationTime.toMillis());
        o.put("eventsPerSecond", Math.round(eventsPerSecond()));
        o.put("rejectsDir", rejectsDir == null ? null : rejectsDir.toString());
        o.put("checkpoint", checkpointFile == null ? null : checkpointFile.toString());
        if (verification != null) {
            o.set("verification", verification.toJson());
        }
        return o;
    }

    private static ObjectNode counts(RecordCounts c) {
        ObjectNode o = MonitorJson.newObject();
        o.put("read", c.read());
        o.put("written", c.written());
        o.put("alreadyPresent", c.alreadyPresent());
        o.put("rejected", c.rejected());
        return o;
    }

    /** Lines for people. */
    public String describe() {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append(dryRun ? "Dry run " : "Migration ").append("from ").append(source).append(" to ").append(target)
                .append(nl);
        sb.append(String.format(Locale.ROOT, "  sessions: %d read, %d written, %d already present, %d rejected, "
                        + "%d reconstructed%n", sessions.read(), sessions.written(), sessions.alreadyPresent(),
                sessions.rejected(), reconstructedSessions));
        sb.append(String.format(Locale.ROOT, "  events:   %d read, %d written, %d already present, %d rejected%n",
                events.read(), events.written(), events.alreadyPresent(), events.rejected()));
        if (resumedSessions > 0) {
            sb.append(String.format(Locale.ROOT, "  resumed:  %d sessions (%d events) done by an earlier run%n",
                    resumedSessions, resumedEvents));
        }
        sb.append(String.format(Locale.ROOT, "  time:     %.1f s%s, %.0f events/s%n", elapsed.toMillis() / 1000.0,
                verificationTime.isZero() ? "" : String.format(Locale.ROOT, " (verification %.1f s)",
                        verificationTime.toMillis() / 1000.0), eventsPerSecond()));
        if (rejected > 0 && rejectsDir != null) {
            sb.append("  rejects:  ").append(rejected).append(" in ").append(rejectsDir).append(nl);
        }
        if (verification != null) {
            sb.append("  ").append(verification.describe().replace(nl, nl + "  ")).append(nl);
        }
        sb.append(message);
        return sb.toString();
    }
}
