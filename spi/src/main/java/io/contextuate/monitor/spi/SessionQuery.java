package io.contextuate.monitor.spi;

import io.contextuate.monitor.spi.model.SessionStatus;

/**
 * Which sessions {@link MonitorStore#getSessions(SessionQuery)} returns: those with the status (all when
 * {@code null}), newest {@code startTime} first (ties by session id), at most {@code limit} (all when {@code null}).
 *
 * @param status the status to keep, or {@code null} for every status
 * @param limit  how many at most, or {@code null} for all
 */
public record SessionQuery(SessionStatus status, Integer limit) {

    public SessionQuery {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    /** Every session. */
    public static SessionQuery all() {
        return new SessionQuery(null, null);
    }

    public SessionQuery withStatus(SessionStatus s) {
        return new SessionQuery(s, limit);
    }

    public SessionQuery withLimit(int n) {
        return new SessionQuery(status, n);
    }
}
