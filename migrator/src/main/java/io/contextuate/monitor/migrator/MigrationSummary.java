package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a migration run did: how it ended, what became of the records, how long it took and where its rejects and
 * progress are kept.
 */
public final class MigrationSummary {

    private final String source;
    private final String target;
    private final Outcome outcome;
    private final String message;
    private final boolean dryRun;
    private final RunTally.Snapshot counts;
    private final long rejected;
    private final Duration elapsed;
    private final Duration verificationTime;
    private final Path rejectsDir;
    private final Path checkpointFile;
    private final VerificationReport verification;

    private MigrationSummary(Builder b) {
        this.source = b.source;
        this.target = b.target;
        this.outcome = b.outcome;
        this.message = b.message;
        this.dryRun = b.dryRun;
        this.counts = b.counts;
        this.rejected = b.rejected;
        this.elapsed = b.elapsed;
        this.verificationTime = b.verificationTime;
        this.rejectsDir = b.rejectsDir;
        this.checkpointFile = b.checkpointFile;
        this.verification = b.verification;
    }

    /** The summary of a run between these two stores, each as it describes itself. */
    static Builder between(String source, String target) {
        return new Builder(source, target);
    }

    /** The source store, as it describes itself. */
    public String source() {
        return source;
    }

    /** The target store, as it describes itself. */
    public String target() {
        return target;
    }

    /** How the run ended. */
    public Outcome outcome() {
        return outcome;
    }

    /** One sentence for people on how the run ended and what to do next. */
    public String message() {
        return message;
    }

    /** Whether nothing was written. */
    public boolean dryRun() {
        return dryRun;
    }

    /** What became of the session records. */
    public RecordCounts sessions() {
        return counts.sessions();
    }

    /** What became of the events. */
    public RecordCounts events() {
        return counts.events();
    }

    /** Sessions written from their events because the source had no readable record. */
    public long reconstructedSessions() {
        return counts.reconstructed();
    }

    /** The first of those sessions (at most {@link VerificationReport#MAX_LISTED}). */
    public List<String> reconstructedIds() {
        return counts.reconstructedIds();
    }

    /** Rejects kept in the rejects folder in this run (all kinds). */
    public long rejected() {
        return rejected;
    }

    /** Sessions completed by an earlier, interrupted run and skipped now. */
    public long resumedSessions() {
        return counts.resumedSessions();
    }

    /** The events of those sessions. */
    public long resumedEvents() {
        return counts.resumedEvents();
    }

    /** Wall time of the run, verification included. */
    public Duration elapsed() {
        return elapsed;
    }

    /** Wall time of the verification at the end (zero when not run). */
    public Duration verificationTime() {
        return verificationTime;
    }

    /** Where rejects are kept. */
    public Path rejectsDir() {
        return rejectsDir;
    }

    /** Where progress is kept; {@code null} in a dry run. */
    public Path checkpointFile() {
        return checkpointFile;
    }

    /** The comparison at the end, or {@code null} when not run. */
    public VerificationReport verification() {
        return verification;
    }

    /** The command line's exit code for this run. */
    public int exitCode() {
        return outcome.exitCode();
    }

    /** Events read per second of wall time, verification left out. */
    public double eventsPerSecond() {
        double s = Math.max(elapsed.minus(verificationTime).toMillis(), 1) / 1000.0;
        return events().read() / s;
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
        o.set("sessions", counts(sessions()));
        o.set("events", counts(events()));
        o.put("reconstructedSessions", reconstructedSessions());
        reconstructedIds().forEach(o.putArray("reconstructedSessionIds")::add);
        o.put("rejected", rejected);
        o.put("resumedSessions", resumedSessions());
        o.put("resumedEvents", resumedEvents());
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
                        + "%d reconstructed%n", sessions().read(), sessions().written(), sessions().alreadyPresent(),
                sessions().rejected(), reconstructedSessions()));
        sb.append(String.format(Locale.ROOT, "  events:   %d read, %d written, %d already present, %d rejected%n",
                events().read(), events().written(), events().alreadyPresent(), events().rejected()));
        if (resumedSessions() > 0) {
            sb.append(String.format(Locale.ROOT, "  resumed:  %d sessions (%d events) done by an earlier run%n",
                    resumedSessions(), resumedEvents()));
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

    /** Gathers a summary's parts by name. */
    static final class Builder {
        private final String source;
        private final String target;
        private Outcome outcome;
        private String message;
        private boolean dryRun;
        private RunTally.Snapshot counts;
        private long rejected;
        private Duration elapsed = Duration.ZERO;
        private Duration verificationTime = Duration.ZERO;
        private Path rejectsDir;
        private Path checkpointFile;
        private VerificationReport verification;

        private Builder(String source, String target) {
            this.source = source;
            this.target = target;
        }

        /** How the run ended, a sentence for people, and the verification ({@code null} when not run). */
        Builder ended(Outcome how, String sentence, VerificationReport report) {
            this.outcome = how;
            this.message = sentence;
            this.verification = report;
            return this;
        }

        Builder dryRun(boolean dry) {
            this.dryRun = dry;
            return this;
        }

        /** The run's counters at its end. */
        Builder counts(RunTally.Snapshot snapshot) {
            this.counts = snapshot;
            return this;
        }

        /** The rejects kept in this run, and where. */
        Builder rejects(long count, Path dir) {
            this.rejected = count;
            this.rejectsDir = dir;
            return this;
        }

        /** Wall time of the whole run and of its verification. */
        Builder times(Duration run, Duration verifying) {
            this.elapsed = run;
            this.verificationTime = verifying;
            return this;
        }

        /** Where progress is kept; {@code null} when none is. */
        Builder checkpoint(Path file) {
            this.checkpointFile = file;
            return this;
        }

        MigrationSummary build() {
            if (outcome == null || counts == null) {
                throw new IllegalStateException("a summary needs its ending and its counts");
            }
            return new MigrationSummary(this);
        }
    }
}
