package io.contextuate.monitor.cli;

import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies every session record and every event (of sessions with or without a record) from one store into another,
 * streaming, events in batches. A record the target refuses is reported and skipped; the others still arrive.
 */
final class StoreCopy {

    /** Hears about the copy as it goes. */
    interface Listener {

        /** A record the target refused: what it was, and why. */
        void rejected(String what, InvalidRecordException why);

        /** Called after each session and each batch, to show progress. */
        void progressed(StoreCopy copy);
    }

    static final int BATCH_SIZE = 1000;

    private final MonitorStore source;
    private final MonitorStore target;
    private final Listener listener;
    private long sessions;
    private long events;
    private long rejected;

    StoreCopy(MonitorStore source, MonitorStore target, Listener listener) {
        this.source = source;
        this.target = target;
        this.listener = listener;
    }

    /** Copies everything: session records first, then the events session by session. */
    void run() {
        copySessions();
        copyEvents();
    }

    long sessions() {
        return sessions;
    }

    long events() {
        return events;
    }

    long rejected() {
        return rejected;
    }

    private void copySessions() {
        try (Stream<SessionMeta> all = source.streamSessions()) {
            for (Iterator<SessionMeta> it = all.iterator(); it.hasNext(); ) {
                SessionMeta s = it.next();
                try {
                    target.saveSession(s);
                    sessions++;
                } catch (InvalidRecordException e) {
                    reject("session '" + s.sessionId() + "'", e);
                }
                listener.progressed(this);
            }
        }
    }

    private void copyEvents() {
        try (Stream<String> ids = source.streamEventSessionIds()) {
            for (Iterator<String> it = ids.iterator(); it.hasNext(); ) {
                try (Stream<MonitorEvent> sessionEvents = source.streamEvents(it.next())) {
                    List<MonitorEvent> batch = new ArrayList<>(BATCH_SIZE);
                    for (Iterator<MonitorEvent> e = sessionEvents.iterator(); e.hasNext(); ) {
                        batch.add(e.next());
                        if (batch.size() == BATCH_SIZE) {
                            save(batch);
                        }
                    }
                    save(batch);
                }
            }
        }
    }

    /** Saves a batch; when the target refuses one of its events, saves them one by one to keep all the others. */
    private void save(List<MonitorEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            target.saveEvents(batch);
            events += batch.size();
        } catch (InvalidRecordException refused) {
            for (MonitorEvent e : batch) {
                try {
                    target.saveEvent(e);
                    events++;
                } catch (InvalidRecordException why) {
                    reject("event '" + e.id() + "' of session '" + e.sessionId() + "'", why);
                }
            }
        }
        batch.clear();
        listener.progressed(this);
    }

    private void reject(String what, InvalidRecordException why) {
        rejected++;
        listener.rejected(what, why);
    }
}
