package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.EventFingerprints;
import io.contextuate.monitor.spi.EventFingerprints.SessionFingerprint;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The target's fingerprints of what the copy sent, summed per session ({@link EventFingerprints}), for each session
 * this run copied whole: the run's verification compares them with the sums the target holds, without reading those
 * sessions from the source again (as an upload is checked against a checksum taken while sending it). A session is
 * kept only when every event read of it has a fingerprint and the target refused none of them; any other session is
 * read again by the verification, as is every session when the target offers no fingerprints.
 */
final class SentFingerprints {

    private static final SentFingerprints NONE = new SentFingerprints(null);

    /** {@code null}: nothing is summed. */
    private final EventFingerprints fingerprints;
    private final Map<String, SessionFingerprint> sessions = new ConcurrentHashMap<>();

    private SentFingerprints(EventFingerprints fingerprints) {
        this.fingerprints = fingerprints;
    }

    /** Sums nothing: every session is read again. */
    static SentFingerprints none() {
        return NONE;
    }

    /** Sums the fingerprints {@code fingerprints} gives each event sent. */
    static SentFingerprints summedBy(EventFingerprints fingerprints) {
        return new SentFingerprints(fingerprints);
    }

    /** A running sum for one session's events, to be {@linkplain #completed completed} once they are all saved. */
    Sum open() {
        return new Sum();
    }

    /** Keeps the session's sum when it covers every event read of it. */
    void completed(String sessionId, Sum sum) {
        if (fingerprints != null && sum.whole) {
            sessions.put(sessionId, sum.total);
        }
    }

    /** The sum of what was sent of the session, when this run copied it whole. */
    Optional<SessionFingerprint> of(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    /** The fingerprints of one session's events as they are read; confined to the thread copying the session. */
    final class Sum {
        private SessionFingerprint total = SessionFingerprint.NONE;
        private boolean whole = fingerprints != null;

        private Sum() {
        }

        /** Adds an event read and queued for the target. */
        void sent(MonitorEvent event) {
            if (!whole) {
                return;
            }
            OptionalLong fingerprint;
            try {
                fingerprint = fingerprints.of(event);
            } catch (RuntimeException e) {
                // not the copy's to fail on: the verification reads the session again, and meets it there
                fingerprint = OptionalLong.empty();
            }
            if (fingerprint.isPresent()) {
                total = total.plus(fingerprint.getAsLong());
            } else {
                whole = false;
            }
        }

        /** The target refused an event of the session: the sum no longer tells what it holds. */
        void refused() {
            whole = false;
        }
    }
}
