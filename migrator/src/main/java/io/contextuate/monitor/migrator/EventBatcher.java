package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects events into batches bounded by count and by bytes and saves them in the target. A batch the target
 * refuses is split, around the event the refusal names or in halves, until the refused events stand alone; those
 * go to {@link Refusals}, the rest is saved.
 */
final class EventBatcher {

    /** Where the events a target refuses go. */
    interface Refusals {
        void refused(MonitorEvent event, InvalidRecordException why);
    }

    private final MonitorStore target;
    private final Retrier retrier;
    private final Refusals refusals;
    private final int maxEvents;
    private final long maxBytes;
    private final List<MonitorEvent> events = new ArrayList<>();
    private long bytes;
    private long written;
    private long present;

    EventBatcher(MonitorStore target, Retrier retrier, Refusals refusals, int maxEvents, long maxBytes) {
        this.target = target;
        this.retrier = retrier;
        this.refusals = refusals;
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /**
     * Queues an event; saves the batch first when the event would make it too large, and afterwards when it is full.
     *
     * @param size the event's size as compact JSON ({@link EventSize}), counted against the byte limit
     * @return whether a batch was saved
     */
    boolean add(MonitorEvent event, long size) {
        boolean flushed = false;
        if (!events.isEmpty() && bytes + size > maxBytes) {
            flush();
            flushed = true;
        }
        events.add(event);
        bytes += size;
        if (events.size() >= maxEvents || bytes >= maxBytes) {
            flush();
            flushed = true;
        }
        return flushed;
    }

    /** Saves what is queued. */
    void flush() {
        if (events.isEmpty()) {
            return;
        }
        save(events);
        events.clear();
        bytes = 0;
    }

    /** Events new in the target so far. */
    long written() {
        return written;
    }

    /** Events the target already held so far. */
    long present() {
        return present;
    }

    private void save(List<MonitorEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            int fresh = retrier.call(() -> target.saveEvents(batch));
            written += fresh;
            present += batch.size() - fresh;
        } catch (InvalidRecordException e) {
            if (batch.size() == 1) {
                refusals.refused(batch.get(0), e);
                return;
            }
            int at = indexOf(batch, e.recordId());
            if (at >= 0) {
                save(batch.subList(0, at));
                save(batch.subList(at, at + 1));
                save(batch.subList(at + 1, batch.size()));
            } else {
                int half = batch.size() / 2;
                save(batch.subList(0, half));
                save(batch.subList(half, batch.size()));
            }
        }
    }

    /** The only position of the event with this id in the batch, or -1 when it is absent or not unique. */
    private static int indexOf(List<MonitorEvent> batch, String recordId) {
        if (recordId == null) {
            return -1;
        }
        int found = -1;
        for (int i = 0; i < batch.size(); i++) {
            if (recordId.equals(batch.get(i).id())) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }
}
