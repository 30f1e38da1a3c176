package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;

/**
 * What a line of an events file holds: an event, nothing (a blank line), or something that is not an event. An event
 * whose {@code sessionId} is not the name of the folder its file is in is not an event of either session: it is a
 * problem at that line, so that it is neither moved into the session it names nor read as one of its folder's.
 *
 * @param line    the line
 * @param event   the event, or {@code null}
 * @param problem why the line is not an event, or {@code null}
 */
record ParsedLine(Line line, MonitorEvent event, String problem) {

    /**
     * Parses a line with the project's one JSON mapping.
     *
     * @param folder the session id the file's folder is named after
     */
    static ParsedLine of(Line line, String folder) {
        if (line.isBlank()) {
            return new ParsedLine(line, null, null);
        }
        try {
            MonitorEvent event = MonitorJson.readEvent(line.content());
            if (!event.sessionId().equals(folder)) {
                return new ParsedLine(line, null,
                        "sessionId '" + event.sessionId() + "' differs from its folder '" + folder + "'");
            }
            return new ParsedLine(line, event, null);
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
