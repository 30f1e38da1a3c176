package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.util.Arrays;

/**
 * The rule for a line whose event id an earlier line of the same file holds: the first version is the event. An
 * identical repeat (upstream's daemon after a restart) is skipped silently; a repeat with different content is
 * reported as a conflicting duplicate, its bytes kept, so it is never lost without a word.
 */
final class DuplicateLines {

    private DuplicateLines() {
    }

    /** Whether two versions of one event id are the same event (same bytes, or JSON-equal). */
    static boolean identical(Line first, MonitorEvent firstEvent, Line repeat, MonitorEvent repeatEvent) {
        return Arrays.equals(first.content(), repeat.content()) || identical(firstEvent, repeatEvent);
    }

    /** Whether two versions of one event id are JSON-equal. */
    static boolean identical(MonitorEvent first, MonitorEvent repeat) {
        return first.equals(repeat) || CanonicalJson.equal(MonitorJson.toJson(first), MonitorJson.toJson(repeat));
    }

    /** The reason reported for a repeat that differs from the first version. */
    static String conflictReason(String eventId, long firstLine, long repeatLine) {
        return "conflicting duplicate: line " + repeatLine + " holds event id '" + eventId + "' again, with "
                + "content different from line " + firstLine + "; the first version (line " + firstLine
                + ") is kept, this one is left out";
    }
}
