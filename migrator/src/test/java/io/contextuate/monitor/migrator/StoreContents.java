package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything a (small) store holds, read into memory in a canonical form, so tests can compare two stores without
 * the {@link Verifier} under test: session records by id, and each session's events in stream order, as canonical
 * JSON text.
 *
 * @param sessions session id to canonical JSON of its record
 * @param events   session id to the canonical JSON of its events, oldest first
 */
record StoreContents(Map<String, String> sessions, Map<String, List<String>> events) {

    static StoreContents of(Path store) {
        try (MonitorStore s = StoreOpener.at(store).open(ReadProblemListener.NONE)) {
            return of(s);
        }
    }

    static StoreContents of(MonitorStore store) {
        Map<String, String> sessions = new TreeMap<>();
        try (Stream<SessionMeta> s = store.streamSessions()) {
            s.forEach(m -> sessions.put(m.sessionId(), canonical(MonitorJson.toJson(m))));
        }
        Map<String, List<String>> events = new TreeMap<>();
        List<String> ids;
        try (Stream<String> s = store.streamEventSessionIds()) {
            ids = s.toList();
        }
        for (String id : ids) {
            try (Stream<MonitorEvent> s = store.streamEvents(id)) {
                events.put(id, s.map(e -> canonical(MonitorJson.toJson(e))).collect(Collectors.toList()));
            }
        }
        return new StoreContents(sessions, events);
    }

    long eventCount() {
        return events.values().stream().mapToLong(List::size).sum();
    }

    static String canonical(JsonNode node) {
        return new String(CanonicalJson.bytes(node), StandardCharsets.UTF_8);
    }
}
