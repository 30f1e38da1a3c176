package io.contextuate.monitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.conformance.UpstreamDataset;
import io.contextuate.monitor.conformance.UpstreamEvent;
import io.contextuate.monitor.conformance.UpstreamSession;
import io.contextuate.monitor.conformance.UpstreamSessionData;
import io.contextuate.monitor.conformance.UpstreamStoreWriter;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a directory in upstream's file layout byte by byte (not through a store) and lists how it differs from a
 * generated dataset, record by record, by {@link CanonicalJson}: an empty list means JSON-equal.
 */
final class StoreComparison {

    private StoreComparison() {
    }

    static List<String> differences(UpstreamDataset expected, Path baseDir) throws IOException {
        List<String> differences = new ArrayList<>();
        UpstreamStoreWriter layout = new UpstreamStoreWriter(baseDir);
        Set<String> expectedDirs = expected.sessions().stream()
                .filter(s -> s.session() != null || !s.lines().isEmpty())
                .map(UpstreamSessionData::sessionId).collect(Collectors.toSet());
        Set<String> actualDirs;
        try (Stream<Path> dirs = Files.list(baseDir.resolve("sessions"))) {
            actualDirs = dirs.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        if (!actualDirs.equals(expectedDirs)) {
            differences.add("session directories differ: expected " + expectedDirs + ", found " + actualDirs);
        }
        for (UpstreamSessionData session : expected.sessions()) {
            compareMeta(session, layout.metaFile(session.sessionId()), differences);
            compareEvents(session, layout.eventsFile(session.sessionId()), differences);
        }
        return differences;
    }

    /**
     * How {@code actualDir} differs from {@code expectedDir}, both in upstream's layout: every {@code meta.json}
     * JSON-equal, and the events of each {@code events.jsonl} the same set by id (duplicate lines of the expected
     * side counted once, the first one kept), each JSON-equal.
     */
    static List<String> differences(Path expectedDir, Path actualDir) throws IOException {
        List<String> differences = new ArrayList<>();
        Set<String> expectedIds = sessionDirs(expectedDir);
        Set<String> actualIds = sessionDirs(actualDir);
        if (!expectedIds.equals(actualIds)) {
            differences.add("session directories differ: expected " + expectedIds + ", found " + actualIds);
        }
        UpstreamStoreWriter expected = new UpstreamStoreWriter(expectedDir);
        UpstreamStoreWriter actual = new UpstreamStoreWriter(actualDir);
        for (String id : expectedIds) {
            Path meta = expected.metaFile(id);
            Path copy = actual.metaFile(id);
            if (Files.exists(meta) != Files.exists(copy)) {
                differences.add(copy + (Files.exists(copy) ? " exists, but the source has none" : " is missing"));
            } else if (Files.exists(meta)
                    && !CanonicalJson.equal(MonitorJson.parse(Files.readAllBytes(meta)),
                            MonitorJson.parse(Files.readAllBytes(copy)))) {
                differences.add(copy + " is not JSON-equal to " + meta);
            }
            Map<String, JsonNode> source = eventsById(expected.eventsFile(id), true, differences);
            Map<String, JsonNode> copied = eventsById(actual.eventsFile(id), false, differences);
            if (!source.keySet().equals(copied.keySet())) {
                differences.add(actual.eventsFile(id) + " holds other event ids than " + expected.eventsFile(id));
            }
            source.forEach((eventId, event) -> {
                JsonNode other = copied.get(eventId);
                if (other != null && !CanonicalJson.equal(event, other)) {
                    differences.add(actual.eventsFile(id) + ": event " + eventId + " is not JSON-equal to the source");
                }
            });
        }
        return differences;
    }

    private static Set<String> sessionDirs(Path baseDir) throws IOException {
        try (Stream<Path> dirs = Files.list(baseDir.resolve("sessions"))) {
            return dirs.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Map<String, JsonNode> eventsById(Path events, boolean duplicatesAllowed, List<String> differences)
            throws IOException {
        Map<String, JsonNode> byId = new HashMap<>();
        if (!Files.exists(events)) {
            return byId;
        }
        for (String line : Files.readAllLines(events)) {
            JsonNode event = MonitorJson.parse(line);
            if (byId.putIfAbsent(event.get("id").textValue(), event) != null && !duplicatesAllowed) {
                differences.add(events + " holds event " + event.get("id") + " twice");
            }
        }
        return byId;
    }

    private static void compareMeta(UpstreamSessionData session, Path meta, List<String> differences)
            throws IOException {
        UpstreamSession record = session.session();
        if (record == null) {
            if (Files.exists(meta)) {
                differences.add(meta + " exists, but the source had no session record");
            }
            return;
        }
        if (!Files.exists(meta)) {
            differences.add(meta + " is missing");
        } else if (!CanonicalJson.equal(MonitorJson.parse(Files.readAllBytes(meta)), record.json())) {
            differences.add(meta + " is not JSON-equal to the source");
        }
    }

    private static void compareEvents(UpstreamSessionData session, Path events, List<String> differences)
            throws IOException {
        Map<String, JsonNode> found = new HashMap<>();
        if (Files.exists(events)) {
            for (String line : Files.readAllLines(events)) {
                JsonNode event = MonitorJson.parse(line);
                if (found.put(event.get("id").textValue(), event) != null) {
                    differences.add(events + " holds event " + event.get("id") + " twice");
                }
            }
        }
        List<UpstreamEvent> distinct = session.distinctEvents();
        if (found.size() != distinct.size()) {
            differences.add(events + " holds " + found.size() + " events, the source " + distinct.size());
        }
        for (UpstreamEvent e : distinct) {
            JsonNode actual = found.get(e.id());
            if (actual == null) {
                differences.add(events + " lacks event " + e.id());
            } else if (!CanonicalJson.equal(actual, e.json())) {
                differences.add(events + ": event " + e.id() + " is not JSON-equal to the source");
            }
        }
    }
}
