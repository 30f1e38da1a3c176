package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;

/**
 * What a line of an events file holds: an event, nothing (a blank line), or something that is not an event.
 *
 * @param line    the line
 * @param event   the event, or {@code null}
 * @param problem why the line is not an event, or {@code null}
 */
record ParsedLine(Line line, MonitorEvent event, String problem) {

    /** Parses a line with the project's one JSON mapping. */
    static ParsedLine of(Line line) {
        if (line.isBlank()) {
            return new ParsedLine(line, null, null);
        }
        try {
            return new ParsedLine(line, MonitorJson.readEvent(line.content()), null);
        } catch (InvalidRecordException e) {
            return new ParsedLine(line, null, e.getMessage());
        } catch (RuntimeException e) {
            return new ParsedLine(line, null, "not an event: " + e);
        }
    }

    boolean isEvent() {
        return event != null;
    }

    boolean isProblem() {
        return problem != null;
    }
}
