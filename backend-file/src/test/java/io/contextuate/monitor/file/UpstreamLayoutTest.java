package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.conformance.UpstreamData;
import io.contextuate.monitor.conformance.UpstreamDataOptions;
import io.contextuate.monitor.conformance.UpstreamDataset;
import io.contextuate.monitor.conformance.UpstreamEvent;
import io.contextuate.monitor.conformance.UpstreamSessionData;
import io.contextuate.monitor.conformance.UpstreamStoreWriter;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.TokenUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.contextuate.monitor.file.TestRecords.T0;
import static io.contextuate.monitor.file.TestRecords.event;
import static io.contextuate.monitor.file.TestRecords.session;
import static io.contextuate.monitor.file.TestRecords.upstreamLine;
import static org.assertj.core.api.Assertions.assertThat;

/** The store writes exactly what upstream writes, where upstream writes it, and reads upstream's files unchanged. */
class UpstreamLayoutTest {

    @TempDir
    Path base;

    @Test
    void metaJsonIsWrittenAsJsonStringifyWithTwoSpaceIndentAndNoFinalLineFeed() throws Exception {
        SessionMeta meta = session("a1b2c3d4e5f60718", T0).toBuilder()
                .tokenUsage(new TokenUsage(10, 20, null, null, Map.of())).label("x").build();
        try (FileStore store = FileStore.open(base, null)) {
            store.saveSession(meta);
        }
        String written = Files.readString(base.resolve("sessions/a1b2c3d4e5f60718/meta.json"));
        // what node's JSON.stringify(session, null, 2) prints for this session
        assertThat(written).isEqualTo("""
                {
                  "sessionId": "a1b2c3d4e5f60718",
                  "machineId": "m1",
                  "workingDirectory": "/work",
                  "startTime": 1761000000000,
                  "status": "active",
                  "childSessionIds": [],
                  "tokenUsage": {
                    "totalInput": 10,
                    "totalOutput": 20
                  },
                  "label": "x"
                }""");
        try (Stream<Path> files = Files.list(base.resolve("sessions/a1b2c3d4e5f60718"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("meta.json");
        }
    }

    @Test
    void eventsAreAppendedOneCompactLinePerEventInSaveOrder() throws Exception {
        List<MonitorEvent> events = List.of(event("s", "2", T0 + 2), event("s", "1", T0 + 1), event("s", "3", T0));
        try (FileStore store = FileStore.open(base, null)) {
            store.saveEvents(events.subList(0, 2));
            store.saveEvent(events.get(2));
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        events.forEach(e -> expected.writeBytes(upstreamLine(e)));
        assertThat(Files.readAllBytes(base.resolve("sessions/s/events.jsonl"))).isEqualTo(expected.toByteArray());
    }

    @Test
    void anUpstreamWrittenStoreReadAndWrittenBackIsJsonEqualRecordByRecord() throws Exception {
        UpstreamDataset dataset = UpstreamData.generate(UpstreamDataOptions.small(11).withLargePayloads(200_000, 7));
        Path upstream = base.resolve("upstream");
        Path copy = base.resolve("copy");
        new UpstreamStoreWriter(upstream).write(dataset);

        try (FileStore source = FileStore.open(upstream, null); FileStore target = FileStore.open(copy, null)) {
            try (Stream<SessionMeta> sessions = source.streamSessions()) {
                sessions.forEach(target::saveSession);
            }
            try (Stream<String> ids = source.streamEventSessionIds()) {
                ids.forEach(id -> {
                    try (Stream<MonitorEvent> events = source.streamEvents(id)) {
                        events.forEach(target::saveEvent);
                    }
                });
            }
        }
        try (FileStore copied = FileStore.open(copy, null)) {
            for (UpstreamSessionData s : dataset.sessions()) {
                s.meta().ifPresentOrElse(
                        m -> assertThat(CanonicalJson.equal(
                                MonitorJson.toJson(copied.getSession(s.sessionId()).orElseThrow()), m.json()))
                                .as("session %s", s.sessionId()).isTrue(),
                        () -> assertThat(copied.getSession(s.sessionId())).isEmpty());
                List<MonitorEvent> events = copied.getEvents(s.sessionId(), EventQuery.newest(100_000));
                List<UpstreamEvent> expected = s.eventsInStoreOrder();
                assertThat(events).hasSameSizeAs(expected);
                for (int i = 0; i < events.size(); i++) {
                    assertThat(CanonicalJson.equal(MonitorJson.toJson(events.get(i)), expected.get(i).json()))
                            .as("event %s of session %s", expected.get(i).id(), s.sessionId()).isTrue();
                }
                if (s.meta().isPresent()) {
                    assertThat(Files.readAllBytes(copy.resolve("sessions").resolve(s.sessionId()).resolve("meta.json")))
                            .as("meta.json bytes of %s", s.sessionId())
                            .isEqualTo(MonitorJson.toMetaJson(s.meta().get().meta()));
                }
            }
        }
    }

    @Test
    void rawProcessedAndConfigAreLeftAlone() throws Exception {
        Files.createDirectories(base.resolve("raw"));
        Files.createDirectories(base.resolve("processed"));
        Files.writeString(base.resolve("raw/1-s-e.json"), "{\n  \"id\": \"e\"\n}");
        Files.writeString(base.resolve("processed/1-s-e.json"), "{\n  \"id\": \"e\"\n}");
        Files.writeString(base.resolve("config.json"), "{ \"persistence\": { \"type\": \"file\" } }");
        try (FileStore store = FileStore.open(base, null)) {
            store.saveSession(session("s", T0));
            store.saveEvent(event("s", "e", T0));
            assertThat(store.getSessions(SessionQuery.all())).hasSize(1);
            store.deleteSession("s");
            store.deleteAllSessions();
        }
        assertThat(Files.readString(base.resolve("raw/1-s-e.json"), StandardCharsets.UTF_8))
                .isEqualTo("{\n  \"id\": \"e\"\n}");
        assertThat(base.resolve("processed/1-s-e.json")).exists();
        assertThat(base.resolve("config.json")).exists();
    }
}
