package io.contextuate.monitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.model.MonitorEvent;

/** The few words of an event's {@code data} a person scans a list for: the tool, the message, the error. */
final class EventSummary {

    private static final String[][] PATHS = {
        {"toolName"}, {"error", "message"}, {"message"}, {"subagent", "type"}, {"prompt"}, {"model"}
    };

    private EventSummary() {
    }

    static String of(MonitorEvent event, int max) {
        for (String[] path : PATHS) {
            JsonNode node = event.data();
            for (String step : path) {
                node = node == null ? null : node.get(step);
            }
            if (node != null && node.isTextual() && !node.textValue().isBlank()) {
                return HumanFormat.head(node.textValue(), max);
            }
        }
        return "";
    }
}
