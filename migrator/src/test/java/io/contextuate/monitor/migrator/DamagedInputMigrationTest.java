package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.conformance.Damage;
import io.contextuate.monitor.conformance.DamageCase;
import io.contextuate.monitor.conformance.DamagedStore;
import io.contextuate.monitor.conformance.ExpectedProblem;
import io.contextuate.monitor.conformance.UpstreamDamage;
import io.contextuate.monitor.conformance.UpstreamEvent;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A store carrying every kind of damage upstream stores have: the good records arrive, the bad ones are rejects. */
class DamagedInputMigrationTest {

    @TempDir
    static Path tmp;

    static DamagedStore damaged;
    static StoreContents intact;
    static MigrationSummary summary;
    static List<JsonNode> rejects;

    @BeforeAll
    static void migrateADamagedStore() throws IOException {
        Path source = tmp.resolve("source");
        GeneratedStores.write(source, GeneratedStores.quick(6));
        intact = StoreContents.of(source);
        damaged = UpstreamDamage.write(source, 7, EnumSet.allOf(Damage.class));
        MigrationOptions options = MigrationOptions.defaults().withRejectsDir(tmp.resolve("rejects"))
                .withBatchEvents(4);
        summary = new Migrator(options).migrate(source, tmp.resolve("target"));
        rejects = RejectFiles.read(tmp.resolve("rejects"));
    }

    @Test
    void theRunFinishesWithExitCodeThreeAndAPassingVerification() {
        assertThat(summary.outcome()).as(summary.describe()).isEqualTo(Outcome.COMPLETED_WITH_REJECTS);
        assertThat(summary.exitCode()).isEqualTo(3);
        assertThat(summary.verification().equal()).as(summary.verification().describe()).isTrue();
        assertThat(summary.rejected()).isEqualTo(rejects.size());
    }

    @Test
    void everyGoodRecordArrives() {
        try (MonitorStore target = StoreOpener.at(tmp.resolve("target")).open(ReadProblemListener.NONE)) {
            for (DamageCase c : damaged.cases()) {
                List<String> arrived = target.streamEvents(c.sessionId())
                        .map(e -> StoreContents.canonical(MonitorJson.toJson(e))).toList();
                for (UpstreamEvent e : c.eventsToArrive()) {
                    assertThat(arrived).as("%s: event %s", c.damage(), e.id())
                            .contains(StoreContents.canonical(e.json()));
                }
                c.sessionToArrive().ifPresent(s -> assertThat(target.getSession(c.sessionId())
                        .map(m -> StoreContents.canonical(MonitorJson.toJson(m))))
                        .as("%s: session record", c.damage()).contains(StoreContents.canonical(s.json())));
            }
        }
        StoreContents after = StoreContents.of(tmp.resolve("target"));
        intact.events().forEach((id, events) -> assertThat(after.events().get(id)).as(id).isEqualTo(events));
        intact.sessions().forEach((id, record) -> assertThat(after.sessions().get(id)).as(id).isEqualTo(record));
    }

    @Test
    void everyUnreadableRecordIsARejectWithFileLineReasonAndOriginalBytes() throws IOException {
        for (ExpectedProblem p : damaged.expectedProblems()) {
            if (p.damage() == Damage.EVENTS_WITHOUT_META) {
                continue; // nothing unreadable: the session is reconstructed, see theSessionWithoutMeta...
            }
            JsonNode reject = rejects.stream()
                    .filter(r -> r.path("location").asText().equals(p.file().toString())
                            && r.path("line").asLong() == p.line())
                    .findFirst().orElse(null);
            assertThat(reject).as("a reject for %s at %s:%d", p.damage(), p.file(), p.line()).isNotNull();
            assertThat(reject.path("kind").asText()).isEqualTo("unreadable");
            assertThat(reject.path("reason").asText()).isNotBlank();
            byte[] kept = Files.readAllBytes(tmp.resolve("rejects").resolve(reject.path("contentFile").asText()));
            assertThat(kept).as("original bytes of %s", p.damage()).isEqualTo(originalBytes(p));
        }
    }

    @Test
    void anEventWhoseSessionIdDiffersFromItsFolderIsAnUnreadableRejectWithItsBytesAndInNoSession()
            throws IOException {
        DamageCase c = damaged.of(Damage.SESSION_ID_OF_300_CHARS);
        ExpectedProblem p = c.problems().get(0);
        MonitorEvent misfiled = MonitorJson.readEvent(originalBytes(p));
        assertThat(misfiled.sessionId()).hasSize(300);
        JsonNode reject = rejects.stream().filter(r -> r.path("location").asText().equals(p.file().toString())
                && r.path("line").asLong() == p.line()).findFirst().orElseThrow();
        assertThat(reject.path("kind").asText()).isEqualTo("unreadable");
        assertThat(reject.path("reason").asText())
                .contains("sessionId '" + misfiled.sessionId() + "' differs from its folder '" + c.sessionId() + "'");
        byte[] kept = readQuietly(tmp.resolve("rejects").resolve(reject.path("contentFile").asText()));
        assertThat(kept).isEqualTo(originalBytes(p));
        StoreContents after = StoreContents.of(tmp.resolve("target"));
        assertThat(after.events().keySet()).doesNotContain(misfiled.sessionId());
        after.events().values().forEach(events -> assertThat(events)
                .noneMatch(e -> e.contains("\"" + misfiled.id() + "\"")));
    }

    @Test
    void theSessionWithoutMetaIsReconstructedNotRejected() {
        String id = damaged.of(Damage.EVENTS_WITHOUT_META).sessionId();
        assertThat(summary.verification().reconstructed()).contains(id);
        assertThat(rejects).noneMatch(r -> r.path("location").asText().contains(id)
                && r.path("location").asText().endsWith("meta.json") && r.path("bytes").asLong() == 0
                && !Files.exists(Path.of(r.path("location").asText())));
    }

    private static byte[] originalBytes(ExpectedProblem p) throws IOException {
        byte[] file = Files.readAllBytes(p.file());
        if (p.line() == 0) {
            return file;
        }
        int start = 0;
        for (int line = 1; line < p.line(); line++) {
            start = indexOf(file, (byte) '\n', start) + 1;
        }
        int end = indexOf(file, (byte) '\n', start);
        return Arrays.copyOfRange(file, start, end < 0 ? file.length : end);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] readQuietly(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
