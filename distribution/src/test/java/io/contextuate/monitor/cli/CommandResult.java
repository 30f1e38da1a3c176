package io.contextuate.monitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** What one in-process run of {@code contextuate-monitor} printed, and its exit code. */
record CommandResult(int exitCode, String out, String err) {

    /** Runs the command line in this process with captured standard output and error. */
    static CommandResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ContextuateMonitor.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CommandResult(code, out.toString(), err.toString());
    }

    /** The non-empty lines of standard output. */
    List<String> lines() {
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Standard output parsed as JSON Lines; fails when a line is not one JSON value. */
    List<JsonNode> jsonLines() {
        List<JsonNode> values = new ArrayList<>();
        for (String line : out.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                values.add(MonitorJson.parse(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line: " + line, e);
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
