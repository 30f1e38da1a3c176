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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session id a SQL store cannot hold as a key (it holds NUL, which PostgreSQL cannot even take as a parameter) is a
 * reject at that record, not the end of the run: the sessions around it arrive, the run finishes with rejects
 * (exit 3), and so does every rerun. From a file store a NUL session id is first refused as filed under another
 * folder (no folder name holds NUL); an event id or a parent id holding NUL reaches the SQL target, which refuses it.
 */
class UnkeepableKeyMigrationTest {

    private static final String NUL_ID = "nul\u0000session";

    @TempDir
    Path tmp;

    @Test
    void aSessionIdHoldingNulIsRejectedAndTheOtherSessionsArrive() throws Exception {
        Path source = tmp.resolve("source");
        for (String folder : List.of("a-before", "nul-session", "z-after")) {
            String id = folder.equals("nul-session") ? NUL_ID : folder;
            Path dir = Files.createDirectories(source.resolve("sessions").resolve(folder));
            Files.write(dir.resolve("meta.json"), MonitorJson.toUpstreamPretty(MonitorJson.toJson(session(id))));
            StringBuilder lines = new StringBuilder();
            for (int i = 1; i <= 3; i++) {
                lines.append(new String(MonitorJson.toLine(event(id, "e" + i, i)), StandardCharsets.UTF_8))
                        .append('\n');
            }
            Files.writeString(dir.resolve("events.jsonl"), lines);
        }
        try (ScratchDatabase pg = ScratchDatabase.create(ScratchDatabase.Kind.POSTGRESQL)) {
            Path target = pg.writeConfig(tmp.resolve("config"));
            MigrationOptions options = MigrationOptions.defaults().withRejectsDir(tmp.resolve("rejects"));

            MigrationSummary first = new Migrator(options).migrate(source, target);
            MigrationSummary rerun = new Migrator(options.withRejectsDir(tmp.resolve("rejects-2")))
                    .migrate(source, target);

            assertThat(first.outcome()).as(first.describe()).isEqualTo(Outcome.COMPLETED_WITH_REJECTS);
            assertThat(first.exitCode()).isEqualTo(3);
            assertThat(rerun.outcome()).as(rerun.describe()).isEqualTo(Outcome.COMPLETED_WITH_REJECTS);
            try (MonitorStore pgStore = StoreOpener.at(target).open(ReadProblemListener.NONE)) {
                assertThat(pgStore.getSession("a-before")).isPresent();
                assertThat(pgStore.getSession("z-after")).isPresent();
                assertThat(pgStore.getEvents("z-after", EventQuery.newest(10))).hasSize(3);
                assertThat(pgStore.getSession(NUL_ID)).isEmpty();
                assertThat(pgStore.stats().events()).isEqualTo(6);
            }
            List<JsonNode> rejects = RejectFiles.read(tmp.resolve("rejects"));
            assertThat(rejects).isNotEmpty().allSatisfy(r -> {
                assertThat(r.path("sessionId").asText()).contains("nul");
                assertThat(r.path("reason").asText()).isNotBlank();
            });
            // no folder name can hold NUL, so from a file store such records are first refused as filed under another
            // session's folder; from any other source the SQL target refuses the key itself (U+0000)
            assertThat(rejects).anySatisfy(r -> assertThat(r.path("reason").asText())
                    .containsAnyOf("U+0000", "differs from its folder", "not its folder's name"));
        }
    }

    @ParameterizedTest
    @EnumSource(ScratchDatabase.Kind.class)
    void anEventWhoseIdOrParentHoldsNulIsRejectedByTheSqlTargetAndTheOtherEventsArrive(ScratchDatabase.Kind kind)
            throws Exception {
        Path source = tmp.resolve("source");
        Path dir = Files.createDirectories(source.resolve("sessions").resolve("s1"));
        Files.write(dir.resolve("meta.json"), MonitorJson.toUpstreamPretty(MonitorJson.toJson(session("s1"))));
        List<MonitorEvent> events = List.of(event("s1", "e1", 1), event("s1", "e\u0000two", 2),
                event("s1", "e3", 3).toBuilder().parentSessionId("parent\u0000id").build(), event("s1", "e4", 4));
        StringBuilder lines = new StringBuilder();
        for (MonitorEvent e : events) {
            lines.append(new String(MonitorJson.toLine(e), StandardCharsets.UTF_8)).append('\n');
        }
        Files.writeString(dir.resolve("events.jsonl"), lines);
        try (ScratchDatabase db = ScratchDatabase.create(kind)) {
            Path target = db.writeConfig(tmp.resolve("config"));
            MigrationOptions options = MigrationOptions.defaults().withRejectsDir(tmp.resolve("rejects"));

            MigrationSummary first = new Migrator(options).migrate(source, target);
            MigrationSummary rerun = new Migrator(options.withRejectsDir(tmp.resolve("rejects-2")))
                    .migrate(source, target);

            assertThat(first.exitCode()).as(first.describe()).isEqualTo(3);
            assertThat(rerun.exitCode()).as(rerun.describe()).isEqualTo(3);
            try (MonitorStore sql = StoreOpener.at(target).open(ReadProblemListener.NONE)) {
                assertThat(sql.getEvents("s1", EventQuery.newest(10))).extracting(MonitorEvent::id)
                        .containsExactly("e1", "e4");
                assertThat(sql.getEventById("s1", "e\u0000two")).isEmpty();
            }
            List<JsonNode> rejects = RejectFiles.read(tmp.resolve("rejects"));
            assertThat(rejects).hasSize(2).allSatisfy(r ->
                    assertThat(r.path("reason").asText()).contains("U+0000"));
        }
    }

    @Test
    void aRecordTheSqlTargetRefusesIsKeptInTheRejectsWithTheSourcesOwnBytes() throws Exception {
        String tooLong = "m".repeat(300); // a SQL store keeps machine ids of at most 255 characters
        Path source = tmp.resolve("source");
        Path dir = Files.createDirectories(source.resolve("sessions").resolve("s1"));
        byte[] meta = MonitorJson.toUpstreamPretty(MonitorJson.toJson(session("s1").toBuilder().machineId(tooLong)
                .build()));
        Files.write(dir.resolve("meta.json"), meta);
        byte[] refusedLine = MonitorJson.toLine(event("s1", "e2", 2).toBuilder().machineId(tooLong).build());
        Files.write(dir.resolve("events.jsonl"), concat(MonitorJson.toLine(event("s1", "e1", 1)), refusedLine,
                MonitorJson.toLine(event("s1", "e3", 3))));
        try (ScratchDatabase db = ScratchDatabase.create(ScratchDatabase.Kind.POSTGRESQL)) {
            Path target = db.writeConfig(tmp.resolve("config"));
            MigrationSummary run = new Migrator(MigrationOptions.defaults().withRejectsDir(tmp.resolve("rejects")))
                    .migrate(source, target);

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(3);
            List<JsonNode> rejects = RejectFiles.read(tmp.resolve("rejects"));
            JsonNode session = rejects.stream().filter(r -> r.path("recordId").asText().equals("s1")).findFirst()
                    .orElseThrow(() -> new AssertionError("no reject of the session record: " + rejects));
            JsonNode event = rejects.stream().filter(r -> r.path("recordId").asText().equals("e2")).findFirst()
                    .orElseThrow(() -> new AssertionError("no reject of the event: " + rejects));
            assertThat(session.path("reason").asText()).contains("machineId");
            assertThat(Files.readAllBytes(tmp.resolve("rejects").resolve(session.path("contentFile").asText())))
                    .as("the session's reject holds meta.json byte for byte").isEqualTo(meta);
            assertThat(Files.readAllBytes(tmp.resolve("rejects").resolve(event.path("contentFile").asText())))
                    .as("the event's reject holds its line byte for byte").isEqualTo(refusedLine);
        }
    }

    private static byte[] concat(byte[]... lines) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static SessionMeta session(String id) {
        return SessionMeta.builder().sessionId(id).machineId("m").workingDirectory("/w").startTime(1000)
                .status(SessionStatus.ACTIVE).build();
    }

    private static MonitorEvent event(String sessionId, String id, long timestamp) {
        return MonitorEvent.builder().id(id).timestamp(timestamp).sessionId(sessionId).machineId("m")
                .workingDirectory("/w").eventType(EventType.TOOL_CALL).hookType(HookType.PRE_TOOL_USE)
                .data(MonitorJson.newObject().put("n", timestamp)).build();
    }
}
