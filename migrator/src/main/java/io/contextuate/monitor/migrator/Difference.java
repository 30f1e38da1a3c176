package io.contextuate.monitor.migrator;

import java.util.Objects;

/**
 * One way in which the target does not hold what the source holds.
 *
 * @param kind      missing, extra or different, for a session record or an event
 * @param sessionId the session
 * @param eventId   the event, or {@code null} for a session record
 * @param detail    what differs, for a person (digests, counts)
 */
public record Difference(Kind kind, String sessionId, String eventId, String detail) {

    /** What kind of difference. */
    public enum Kind {
        SESSION_MISSING("session missing in target"),
        SESSION_EXTRA("session only in target"),
        SESSION_DIFFERS("session differs"),
        EVENT_MISSING("event missing in target"),
        EVENT_EXTRA("event only in target"),
        EVENT_DIFFERS("event differs");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Words for people. */
        public String label() {
            return label;
        }
    }

    public Difference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sessionId, "sessionId");
        detail = detail == null ? "" : detail;
    }

    /** One line for people. */
    public String describe() {
        String who = eventId == null ? "session " + sessionId : "session " + sessionId + " event " + eventId;
        return kind.label() + ": " + who + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
