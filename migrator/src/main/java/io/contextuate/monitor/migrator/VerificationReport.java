package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of comparing two stores record by record.
 *
 * @param mode                what was asked of the target: containment (the default) or exact equality
 * @param sessionsCompared    session records read from the source
 * @param eventsCompared      events read from the source
 * @param counts              how many differences of each kind (exact); in containment mode there are none of the
 *                            kinds {@link Difference.Kind#SESSION_EXTRA} and {@link Difference.Kind#EVENT_EXTRA}
 * @param differences         the first differences found (at most {@link #MAX_LISTED})
 * @param eventCounts         sessions whose event counts differ (at most {@link #MAX_LISTED}); in containment
 *                            mode only those the target lacks source events of
 * @param reconstructed       sessions the source has events but no record for, whose target record is exactly what
 *                            reconstruction from the events gives: expected, not a failure
 * @param keptTargetRecords   sessions the source has events but no record for, whose target record is the target's
 *                            own (not what reconstruction gives): not compared, not a failure
 * @param refused             differences explained by records the target refused during the migration (in the
 *                            rejects folder): expected, not a failure
 * @param targetOnlySessions  sessions (records, or events without one) that only the target holds: information in
 *                            containment mode, differences as well in exact mode
 * @param targetOnlyEvents    events only the target holds, in the sessions compared (in containment mode: sessions
 *                            that have events in the source): information, or differences as well in exact mode
 */
public record VerificationReport(VerificationMode mode, long sessionsCompared, long eventsCompared,
                                 Map<Difference.Kind, Long> counts, List<Difference> differences,
                                 List<EventCountMismatch> eventCounts, List<String> reconstructed,
                                 List<String> keptTargetRecords, long refused, long targetOnlySessions,
                                 long targetOnlyEvents) {

    /** How many differences, sessions or ids a report lists at the most (it counts them all). */
    public static final int MAX_LISTED = 1000;

    public VerificationReport {
        counts = Map.copyOf(counts);
        differences = List.copyOf(differences);
        eventCounts = List.copyOf(eventCounts);
        reconstructed = List.copyOf(reconstructed);
        keptTargetRecords = List.copyOf(keptTargetRecords);
    }

    /**
     * Whether the target passed: it holds every record of the source, equal (and, in exact mode, nothing more),
     * expected differences aside.
     */
    public boolean passed() {
        return totalDifferences() == 0;
    }

    /** Whether the target holds exactly what the source holds, expected differences aside, in either mode. */
    public boolean equal() {
        return passed() && targetOnlySessions == 0 && targetOnlyEvents == 0;
    }

    /** How many differences, of every kind. */
    public long totalDifferences() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** How many differences of one kind. */
    public long count(Difference.Kind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /** The report as JSON (for {@code --summary} and {@code verify --json}). */
    public ObjectNode toJson() {
        ObjectNode o = MonitorJson.newObject();
        o.put("mode", mode.name().toLowerCase(Locale.ROOT));
        o.put("passed", passed());
        o.put("equal", equal());
        o.put("sessionsCompared", sessionsCompared);
        o.put("eventsCompared", eventsCompared);
        ObjectNode c = o.putObject("differences");
        for (Difference.Kind k : Difference.Kind.values()) {
            c.put(k.name().toLowerCase(Locale.ROOT), count(k));
        }
        ArrayNode list = o.putArray("listed");
        for (Difference d : differences) {
            ObjectNode n = list.addObject();
            n.put("kind", d.kind().name().toLowerCase(Locale.ROOT));
            n.put("sessionId", d.sessionId());
            if (d.eventId() != null) {
                n.put("eventId", d.eventId());
            }
            n.put("detail", d.detail());
        }
        ArrayNode mismatches = o.putArray("eventCounts");
        for (EventCountMismatch m : eventCounts) {
            mismatches.addObject().put("sessionId", m.sessionId()).put("source", m.source()).put("target", m.target());
        }
        ArrayNode rec = o.putArray("reconstructedSessions");
        reconstructed.forEach(rec::add);
        ArrayNode kept = o.putArray("keptTargetRecords");
        keptTargetRecords.forEach(kept::add);
        o.put("refusedRecords", refused);
        ObjectNode only = o.putObject("targetOnly");
        only.put("sessions", targetOnlySessions);
        only.put("events", targetOnlyEvents);
        return o;
    }

    /** Lines for people: a verdict, then each listed difference. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        String compared = sessionsCompared + " sessions, " + eventsCompared + " events compared";
        if (equal()) {
            sb.append("verify: equal (").append(compared);
        } else if (passed()) {
            sb.append("verify: the target holds every source record (").append(compared);
        } else {
            sb.append("verify: ").append(totalDifferences()).append(" difference(s) (").append(compared);
        }
        if (!reconstructed.isEmpty()) {
            sb.append("; ").append(reconstructed.size()).append(" reconstructed session(s) as expected");
        }
        if (!keptTargetRecords.isEmpty()) {
            sb.append("; ").append(keptTargetRecords.size()).append(" session(s) without a source record keep "
                    + "the target's own record");
        }
        if (refused > 0) {
            sb.append("; ").append(refused).append(" record(s) refused by the target, see the rejects");
        }
        sb.append(')');
        if (targetOnlySessions > 0 || targetOnlyEvents > 0) {
            sb.append(System.lineSeparator()).append("  the target also holds ").append(targetOnlySessions)
                    .append(" session(s) and ").append(targetOnlyEvents).append(" event(s) the source does not")
                    .append(mode == VerificationMode.EXACT ? " (differences: --exact)" : " (information)");
        }
        for (Difference.Kind k : Difference.Kind.values()) {
            if (count(k) > 0) {
                sb.append(System.lineSeparator()).append("  ").append(k.label()).append(": ").append(count(k));
            }
        }
        for (EventCountMismatch m : eventCounts) {
            sb.append(System.lineSeparator()).append("  ").append(m.describe());
        }
        for (Difference d : differences) {
            sb.append(System.lineSeparator()).append("  ").append(d.describe());
        }
        if (differences.size() < totalDifferences()) {
            sb.append(System.lineSeparator()).append("  ... and ").append(totalDifferences() - differences.size())
                    .append(" more");
        }
        return sb.toString();
    }
}
