package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.PreparedEvents;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Collects events into batches bounded by count and by bytes and saves them in the target. A batch the target
 * refuses is split, around the event the refusal names or in halves, until the refused events stand alone; those
 * go to {@link Refusals}, the rest is saved.
 *
 * <p>A batcher that {@linkplain #savingBehind saves behind} hands each batch, {@linkplain
 * MonitorStore#prepareEvents prepared} on the caller's thread, to a writer thread of its own, and returns to
 * collecting the next while the target saves it: the caller's work overlaps the target's. The batches are still
 * saved one after another, in order, and at most one is in the writer's hands; what a save gives back (counts,
 * refusals, failures) reaches the caller on its own thread when the next batch is handed over or at {@link #finish}.
 * Batches are numbered from 1; {@link #saved()} tells how many are saved and accounted for.
 */
final class EventBatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventBatcher.class);

    /** Where the events a target refuses go. */
    interface Refusals {
        void refused(MonitorEvent event, InvalidRecordException why);
    }

    private final MonitorStore target;
    private final Retrier retrier;
    private final Refusals refusals;
    private final int maxEvents;
    private final long maxBytes;
    /** The writer thread; {@code null} when batches are saved on the caller's thread. */
    private final ExecutorService writer;
    private List<MonitorEvent> events = new ArrayList<>();
    private long bytes;
    private long written;
    private long present;
    private long handedOver;
    private long saved;
    private Future<SaveResult> saving;

    private EventBatcher(MonitorStore target, Retrier retrier, Refusals refusals, int maxEvents, long maxBytes,
                         boolean behind) {
        this.target = target;
        this.retrier = retrier;
        this.refusals = refusals;
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.writer = behind ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "migration-writer");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** A batcher that saves each batch before {@link #add} or {@link #flush} returns. */
    static EventBatcher saving(MonitorStore target, Retrier retrier, Refusals refusals, int maxEvents,
                               long maxBytes) {
        return new EventBatcher(target, retrier, refusals, maxEvents, maxBytes, false);
    }

    /** A batcher that saves on a writer thread while the caller collects the next batch; close it when done. */
    static EventBatcher savingBehind(MonitorStore target, Retrier retrier, Refusals refusals, int maxEvents,
                                     long maxBytes) {
        return new EventBatcher(target, retrier, refusals, maxEvents, maxBytes, true);
    }

    /**
     * Queues an event; hands the batch over first when the event would make it too large, and afterwards when it is
     * full.
     *
     * @param size the event's size as compact JSON ({@link EventSize}), counted against the byte limit
     * @return whether a batch was handed over (and so, saving behind, whether the one before it was accounted for)
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

    /** Hands over what is queued: saves it, or gives it to the writer once the batch before is saved. */
    void flush() {
        if (events.isEmpty()) {
            return;
        }
        List<MonitorEvent> batch = events;
        events = new ArrayList<>();
        bytes = 0;
        handedOver++;
        if (writer == null) {
            account(saveBatch(batch, null));
            return;
        }
        PreparedEvents prepared = prepare(batch); // while the writer saves the batch before
        awaitSave();
        saving = writer.submit(() -> saveBatch(batch, prepared));
    }

    /** Hands over what is queued and waits until every batch is saved and accounted for. */
    void finish() {
        flush();
        awaitSave();
    }

    /** The number of the last batch holding any event queued so far: once it is saved, they all are. */
    long lastBatchQueued() {
        return events.isEmpty() ? handedOver : handedOver + 1;
    }

    /** How many batches are saved and accounted for (refusals reported, counts added). */
    long saved() {
        return saved;
    }

    /** Events new in the target so far. */
    long written() {
        return written;
    }

    /** Events the target already held so far. */
    long present() {
        return present;
    }

    /** Waits for the batch the writer holds, if any, and stops the writer; what it gave back is not accounted for. */
    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        if (saving != null) {
            try {
                saving.get();
            } catch (ExecutionException e) {
                LOG.debug("a batch saved while the run ended failed too", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            saving = null;
        }
        writer.shutdown();
    }

    private PreparedEvents prepare(List<MonitorEvent> batch) {
        try {
            return retrier.call(() -> target.prepareEvents(batch));
        } catch (InvalidRecordException e) {
            return null; // the writer saves the batch the way that sets the refused events apart
        }
    }

    private void awaitSave() {
        if (saving == null) {
            return;
        }
        Future<SaveResult> batch = saving;
        saving = null;
        try {
            account(batch.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch was being saved", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) cause;
        }
    }

    private void account(SaveResult outcome) {
        written += outcome.written;
        present += outcome.present;
        for (Refusal r : outcome.refused) {
            refusals.refused(r.event(), r.why());
        }
        saved++;
    }

    /** Saves a batch, prepared or not, on whichever thread saves; what happened goes into the outcome. */
    private SaveResult saveBatch(List<MonitorEvent> batch, PreparedEvents prepared) {
        SaveResult outcome = new SaveResult();
        if (prepared == null) {
            save(batch, outcome);
            return outcome;
        }
        try {
            outcome.saved(batch.size(), retrier.call(prepared::save));
        } catch (InvalidRecordException e) {
            split(batch, e, outcome);
        }
        return outcome;
    }

    private void save(List<MonitorEvent> batch, SaveResult outcome) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            outcome.saved(batch.size(), retrier.call(() -> target.saveEvents(batch)));
        } catch (InvalidRecordException e) {
            split(batch, e, outcome);
        }
    }

    private void split(List<MonitorEvent> batch, InvalidRecordException e, SaveResult outcome) {
        if (batch.size() == 1) {
            outcome.refused.add(new Refusal(batch.get(0), e));
            return;
        }
        int at = indexOf(batch, e.recordId());
        if (at >= 0) {
            save(batch.subList(0, at), outcome);
            save(batch.subList(at, at + 1), outcome);
            save(batch.subList(at + 1, batch.size()), outcome);
        } else {
            int half = batch.size() / 2;
            save(batch.subList(0, half), outcome);
            save(batch.subList(half, batch.size()), outcome);
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

    /** What saving one batch gave: events new, events already held, events refused (in batch order). */
    private static final class SaveResult {
        private long written;
        private long present;
        private final List<Refusal> refused = new ArrayList<>();

        void saved(int size, int fresh) {
            written += fresh;
            present += size - fresh;
        }
    }

    private record Refusal(MonitorEvent event, InvalidRecordException why) {
    }
}
