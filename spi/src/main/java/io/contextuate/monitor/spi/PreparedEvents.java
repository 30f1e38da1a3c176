package io.contextuate.monitor.spi;

/**
 * A batch of events made ready by {@link MonitorStore#prepareEvents}, waiting to be saved. It holds its own copy of
 * what it needs, so the events given may change or be dropped once it exists, and it may be saved on a thread other
 * than the one that prepared it.
 */
@FunctionalInterface
public interface PreparedEvents {

    /**
     * Saves the batch exactly as {@link MonitorStore#saveEvents} would have saved the events it was prepared from,
     * idempotently: saving it again (after a failure, say) adds nothing already saved.
     *
     * @return how many events were new
     * @throws InvalidRecordException naming the first event that cannot be kept, as {@code saveEvents} does
     */
    int save();
}
