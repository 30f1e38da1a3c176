package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.EventFingerprints;
import io.contextuate.monitor.spi.EventFingerprints.SessionFingerprint;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The target's side of a verification by fingerprints: the summed fingerprints of each given session, asked of the
 * store on threads of its own a few sessions ahead of the comparison, so that the store (its server) sums while the
 * source is read.
 */
final class SessionFingerprints implements AutoCloseable {

    /** How many sessions are asked for ahead of the one compared. */
    private static final int AHEAD = 16;

    private final EventFingerprints fingerprints;
    private final List<String> sessionIds;
    private final ExecutorService asker;
    private final Deque<Future<SessionFingerprint>> pending = new ArrayDeque<>();
    private int asked;
    private int taken;

    /** Asks for the sessions' sums in this order, {@code askers} at a time (each on a connection of its own). */
    SessionFingerprints(EventFingerprints fingerprints, List<String> sessionIds, int askers, String name) {
        this.fingerprints = fingerprints;
        this.sessionIds = sessionIds;
        this.asker = Executors.newFixedThreadPool(askers, task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
        askAhead();
    }

    /** The fingerprints of the next session, which must be {@code sessionId}; waits for the store to sum them. */
    SessionFingerprint take(String sessionId) {
        if (!sessionIds.get(taken).equals(sessionId)) {
            throw new IllegalStateException("sessions taken out of order: " + sessionId);
        }
        taken++;
        Future<SessionFingerprint> next = pending.removeFirst();
        askAhead();
        try {
            return next.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("summing the fingerprints of " + sessionId + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying", e);
        }
    }

    private void askAhead() {
        while (asked < sessionIds.size() && asked < taken + AHEAD) {
            String id = sessionIds.get(asked++);
            pending.addLast(asker.submit(() -> fingerprints.session(id)));
        }
    }

    /** Stops asking (when the comparison ended early) and lets a question running finish on its own. */
    @Override
    public void close() {
        asker.shutdownNow();
    }
}
