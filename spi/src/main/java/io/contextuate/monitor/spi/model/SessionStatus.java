package io.contextuate.monitor.spi.model;

import java.util.Objects;
import java.util.Set;

/**
 * The status of a session: {@code active}, {@code completed} or {@code error} upstream. Kept open like the event
 * types, so that a value a newer monitor writes is stored and returned as it came rather than rejected.
 *
 * @param value the status as written on the wire
 */
public record SessionStatus(String value) {

    public static final SessionStatus ACTIVE = new SessionStatus("active");
    public static final SessionStatus COMPLETED = new SessionStatus("completed");
    public static final SessionStatus ERROR = new SessionStatus("error");

    private static final Set<String> KNOWN = Set.of(ACTIVE.value, COMPLETED.value, ERROR.value);

    public SessionStatus {
        Objects.requireNonNull(value, "value");
    }

    /** Returns the status with this wire value, known or not. */
    public static SessionStatus of(String value) {
        return new SessionStatus(value);
    }

    /** The wire values of the three statuses the upstream monitor writes. */
    public static Set<String> knownValues() {
        return KNOWN;
    }

    /** Whether the upstream monitor knows this status. */
    public boolean isKnown() {
        return KNOWN.contains(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
