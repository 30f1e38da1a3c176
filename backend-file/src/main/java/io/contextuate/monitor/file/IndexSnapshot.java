package io.contextuate.monitor.file;

import java.nio.file.Path;
import java.util.List;

/**
 * The state of one session's events file at one moment, for a read: its blocks (immutable, as the file only grows)
 * and the event on a last line that has no line feed yet, if that line holds a new event.
 *
 * @param sessionId  the session
 * @param file       its {@code events.jsonl}
 * @param blocks     the indexed blocks, in file order
 * @param eventCount distinct events, the tail event included
 * @param tailEvent  the event on an unterminated last line, or {@code null}
 */
record IndexSnapshot(String sessionId, Path file, List<IndexBlock> blocks, long eventCount,
                     PositionedEvent tailEvent) {

    static IndexSnapshot empty(String sessionId, Path file) {
        return new IndexSnapshot(sessionId, file, List.of(), 0, null);
    }
}
