package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One event id twice in a session's file with different content (the probe's silent loss): the first version is
 * carried, the second is a reject holding its bytes and naming both lines, the run exits 3 with a passing
 * verification; into a file store, PostgreSQL and MariaDB alike. An identical repeat is no reject.
 */
class ConflictingDuplicateMigrationTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"file", "POSTGRESQL", "MYSQL"})
    void aSecondVersionOfAnEventIdIsARejectNamingBothLinesAndTheFirstVersionArrives(String kind) throws Exception {
        Path source = tmp.resolve("source");
        Path dir = Files.createDirectories(source.resolve("sessions").resolve("s1"));
        Files.write(dir.resolve("meta.json"), MonitorJson.toUpstreamPretty(MonitorJson.toJson(
                SessionMeta.builder().sessionId("s1").machineId("m").workingDirectory("/w").startTime(1000)
                        .status(SessionStatus.ACTIVE).build())));
        byte[] first = line(event("dup", "first version"));
        byte[] second = line(event("dup", "second version"));
        Files.write(dir.resolve("events.jsonl"), lines(line(event("a", "x")), first, first, second,
                line(event("b", "y"))));
        ScratchDatabase db = kind.equals("file") ? null : ScratchDatabase.create(ScratchDatabase.Kind.valueOf(kind));
        try {
            Path target = db == null ? tmp.resolve("target") : db.writeConfig(tmp.resolve("config"));

            MigrationSummary run = new Migrator(MigrationOptions.defaults().withRejectsDir(tmp.resolve("rejects")))
                    .migrate(source, target);

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(3);
            assertThat(run.verification().passed()).as(run.describe()).isTrue();
            try (MonitorStore t = StoreOpener.at(target).open(ReadProblemListener.NONE)) {
                List<MonitorEvent> events = t.getEvents("s1", EventQuery.newest(10));
                assertThat(events).extracting(MonitorEvent::id).containsExactly("a", "dup", "b");
                assertThat(events.get(1).data().path("text").asText()).isEqualTo("first version");
            }
            List<JsonNode> rejects = RejectFiles.read(tmp.resolve("rejects"));
            assertThat(rejects).hasSize(1);
            assertThat(rejects.get(0).path("reason").asText()).startsWith("conflicting duplicate")
                    .contains("line 4").contains("line 2");
            assertThat(Files.readAllBytes(tmp.resolve("rejects").resolve(rejects.get(0).path("contentFile")
                    .asText()))).isEqualTo(second);
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    private static MonitorEvent event(String id, String text) {
        return MonitorEvent.builder().id(id).timestamp(1000).sessionId("s1").machineId("m").workingDirectory("/w")
                .eventType(EventType.TOOL_CALL).hookType(HookType.PRE_TOOL_USE)
                .data(MonitorJson.newObject().put("text", text)).build();
    }

    private static byte[] line(MonitorEvent e) {
        return MonitorJson.toLine(e);
    }

    private static byte[] lines(byte[]... lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            out.writeBytes(l);
            out.write('\n');
        }
        return out.toByteArray();
    }
}
