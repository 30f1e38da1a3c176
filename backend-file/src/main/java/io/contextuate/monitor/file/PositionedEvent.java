package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.model.MonitorEvent;

import java.util.Comparator;

/**
 * An event with the byte offset of its line, which is its save order within the session's file.
 *
 * @param offset byte offset of the line in {@code events.jsonl}
 * @param line   1-based number of the line
 * @param event  the event
 */
record PositionedEvent(long offset, long line, MonitorEvent event) {

    /** Oldest first; equal timestamps in file (save) order. */
    static final Comparator<PositionedEvent> CHRONOLOGICAL =
            Comparator.comparingLong(PositionedEvent::timestamp).thenComparingLong(PositionedEvent::offset);

    long timestamp() {
        return event.timestamp();
    }
}
