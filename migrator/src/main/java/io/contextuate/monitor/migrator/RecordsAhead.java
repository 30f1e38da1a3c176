package io.contextuate.monitor.migrator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The session records, copied on a thread of their own ahead of the events: the event lanes start at once and wait,
 * for each session, only until its record is settled (saved, found held, refused or vanished). A session's record
 * still reaches the target before any of its events, and a parent's before its children's, but the records' round
 * trips and commits overlap the events' bulk saves instead of coming first.
 *
 * <p>A failure of the copying (the reject limit, a target that stays unavailable) is thrown to every lane that
 * waits, and by {@link #finish}.
 */
final class RecordsAhead implements AutoCloseable {

    private final SessionCopier copier;
    private final List<String> order;
    /** Each session's place in {@link #order}. */
    private final Map<String, Integer> place = new HashMap<>();
    private final Thread copying;
    private volatile boolean stopped;
    /** Records settled so far, a prefix of {@link #order}; guarded by {@code this}, as are the two below. */
    private int settled;
    private boolean ended;
    private Throwable failure;

    private RecordsAhead(SessionCopier copier, List<String> order) {
        this.copier = copier;
        this.order = order;
        for (int i = 0; i < order.size(); i++) {
            place.put(order.get(i), i);
        }
        this.copying = new Thread(this::copy, "session-records");
        copying.setDaemon(true);
    }

    /** Starts copying the records of {@code order}, parents first (as {@link SessionCopier#readOrder} gives them). */
    static RecordsAhead start(SessionCopier copier, List<String> order) {
        RecordsAhead ahead = new RecordsAhead(copier, order);
        ahead.copying.start();
        return ahead;
    }

    private void copy() {
        Throwable failed = null;
        try {
            for (int i = 0; i < order.size() && !stopped; i++) {
                copier.copy(order.get(i));
                synchronized (this) {
                    settled = i + 1;
                    notifyAll();
                }
            }
        } catch (RuntimeException | Error e) {
            failed = e;
        }
        synchronized (this) {
            ended = true;
            failure = failed;
            notifyAll();
        }
    }

    /**
     * Waits until the record of the session is settled; returns at once for a session the source has no record of.
     *
     * @throws RuntimeException the failure that ended the copying before it got there
     */
    void awaitRecord(String sessionId) {
        Integer at = place.get(sessionId);
        if (at != null) {
            await(at + 1);
        }
    }

    /** Waits until every record is settled; throws the failure that ended the copying early, if one did. */
    void finish() {
        await(order.size());
    }

    private synchronized void await(int records) {
        while (settled < records && !ended) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for session records", e);
            }
        }
        if (settled < records) {
            if (failure instanceof Error e) {
                throw e;
            }
            throw failure instanceof RuntimeException e ? e
                    : new IllegalStateException("the session records stopped before session " + order.get(records - 1));
        }
    }

    /** Stops the copying after the record at hand (when the run ends early) and waits for it. */
    @Override
    public void close() {
        stopped = true;
        boolean interrupted = false;
        while (copying.isAlive()) {
            try {
                copying.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
