package io.contextuate.monitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;

import java.io.PrintWriter;

/**
 * Machine output: one JSON value per line (JSON Lines), records in upstream's wire form through {@link MonitorJson},
 * so a line is exactly what the upstream monitor would have written for the record.
 */
final class JsonLines {

    private final PrintWriter out;

    JsonLines(PrintWriter out) {
        this.out = out;
    }

    void write(JsonNode value) {
        out.print(MonitorJson.toText(value));
        out.print('\n');
    }

    void write(SessionMeta session) {
        write(MonitorJson.toJson(session));
    }

    void write(MonitorEvent event) {
        write(MonitorJson.toJson(event));
    }
}
