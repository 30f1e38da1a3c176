package io.contextuate.monitor.spi;

/**
 * Which events of a session {@link MonitorStore#getEvents(String, EventQuery)} returns: of the events with
 * {@code after < timestamp < before} (both bounds exclusive, each optional), the newest {@code limit}, oldest first.
 *
 * @param limit  how many at most, at least 1
 * @param before exclusive upper bound in Unix ms, or {@code null}
 * @param after  exclusive lower bound in Unix ms, or {@code null}
 */
public record EventQuery(int limit, Long before, Long after) {

    /** Upstream's default limit. */
    public static final int DEFAULT_LIMIT = 1000;

    public EventQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    /** The newest {@code limit} events, without bounds. */
    public static EventQuery newest(int limit) {
        return new EventQuery(limit, null, null);
    }

    /** Upstream's default: the newest 1000. */
    public static EventQuery defaults() {
        return newest(DEFAULT_LIMIT);
    }

    public EventQuery before(long beforeMs) {
        return new EventQuery(limit, beforeMs, after);
    }

    public EventQuery after(long afterMs) {
        return new EventQuery(limit, before, afterMs);
    }

    /** Whether a timestamp lies strictly between the bounds. */
    public boolean admits(long timestamp) {
        return (before == null || timestamp < before) && (after == null || timestamp > after);
    }
}
