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
 * @param sessionsCompared    session records read from the source
 * @param eventsCompared      events read from the source
 * @param counts              how many differences of each kind (exact)
 * @param differences         the first differences found (at most {@link Verifier#MAX_LISTED})
 * @param eventCounts         sessions whose event counts differ (at most {@link Verifier#MAX_LISTED})
 * @param reconstructed       sessions the source has events but no record for, whose target record is exactly what
 *                            reconstruction from the events gives: expected, not a failure
 * @param refused             differences explained by records the target refused during the migration (in the
 *                            rejects folder): expected, not a failure
 */
public record VerificationReport(long sessionsCompared, long eventsCompared, Map<Difference.Kind, Long> counts,
                                 List<Difference> differences, List<EventCountMismatch> eventCounts,
                                 List<String> reconstructed, long refused) {

    public VerificationReport {
        counts = Map.copyOf(counts);
        differences = List.copyOf(differences);
        eventCounts = List.copyOf(eventCounts);
        reconstructed = List.copyOf(reconstructed);
    }

    /** Whether the target holds exactly what the source holds, expected differences aside. */
    public boolean equal() {
        return totalDifferences() == 0;
    }

    /** How many differences, of every kind. */
    public long totalDifferences() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** How many differences of one kind. */
    public long count(Difference.Kind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /** The report as JSON (for {@code --summary}). */
    public ObjectNode toJson() {
        ObjectNode o = MonitorJson.newObject();
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
        o.put("refusedRecords", refused);
        return o;
    }

    /** Lines for people: a verdict, then each listed difference. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (equal()) {
            sb.append("verify: equal (").append(sessionsCompared).append(" sessions, ").append(eventsCompared)
                    .append(" events compared");
        } else {
            sb.append("verify: ").append(totalDifferences()).append(" difference(s) (").append(sessionsCompared)
                    .append(" sessions, ").append(eventsCompared).append(" events compared");
        }
        if (!reconstructed.isEmpty()) {
            sb.append("; ").append(reconstructed.size()).append(" reconstructed session(s) as expected");
        }
        if (refused > 0) {
            sb.append("; ").append(refused).append(" record(s) refused by the target, see the rejects");
        }
        sb.append(')');
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
