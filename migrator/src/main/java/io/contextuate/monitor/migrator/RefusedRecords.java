package io.contextuate.monitor.migrator;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The records a target refused during a migration: their absence from the target is expected, so verification
 * lists them apart from real differences. Holds ids only.
 */
public final class RefusedRecords {

    private final Set<String> sessions = new HashSet<>();
    private final Set<EventKey> events = new HashSet<>();

    /** No refused records. */
    public static RefusedRecords none() {
        return new RefusedRecords();
    }

    /** The records a target refused, as the rejects folder {@code dir} keeps them from any run. */
    public static RefusedRecords keptIn(Path dir) {
        return new RejectsFolder(dir).refusedRecords();
    }

    synchronized void addSession(String sessionId) {
        sessions.add(sessionId);
    }

    synchronized void addEvent(String sessionId, String eventId) {
        events.add(new EventKey(sessionId, eventId));
    }

    synchronized boolean sessionRefused(String sessionId) {
        return sessions.contains(sessionId);
    }

    synchronized boolean eventRefused(String sessionId, String eventId) {
        return events.contains(new EventKey(sessionId, eventId));
    }

    /** Everything in {@code other} is refused here too. */
    synchronized void addAll(RefusedRecords other) {
        synchronized (other) {
            sessions.addAll(other.sessions);
            events.addAll(other.events);
        }
    }

    private record EventKey(String sessionId, String eventId) {
    }
}
