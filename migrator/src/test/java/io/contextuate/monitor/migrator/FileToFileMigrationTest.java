package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.conformance.UpstreamDataset;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class FileToFileMigrationTest {

    @TempDir
    Path tmp;

    private MigrationOptions options() {
        return MigrationOptions.defaults().withRejectsDir(tmp.resolve("rejects")).withBatchEvents(50);
    }

    @Test
    void aMigratedStoreHoldsExactlyWhatItsSourceHolds() {
        Path source = tmp.resolve("source");
        UpstreamDataset data = GeneratedStores.write(source, GeneratedStores.quick(1));

        MigrationSummary summary = new Migrator(options()).migrate(source, tmp.resolve("target"));

        assertThat(summary.outcome()).as(summary.describe()).isEqualTo(Outcome.COMPLETED);
        assertThat(summary.exitCode()).isZero();
        StoreContents before = StoreContents.of(source);
        StoreContents after = StoreContents.of(tmp.resolve("target"));
        assertThat(after.events()).isEqualTo(before.events());
        Set<String> withoutRecord = data.sessions().stream().filter(s -> s.meta().isEmpty() && !s.lines().isEmpty())
                .map(s -> s.sessionId()).collect(Collectors.toSet());
        assertThat(withoutRecord).isNotEmpty();
        Map<String, String> realRecords = new HashMap<>(after.sessions());
        realRecords.keySet().removeAll(withoutRecord);
        assertThat(realRecords).isEqualTo(before.sessions());
        assertThat(summary.reconstructedSessions()).isEqualTo(withoutRecord.size());
        assertThat(summary.events().read()).isEqualTo(before.eventCount());
        assertThat(summary.events().written()).isEqualTo(before.eventCount());
        assertThat(summary.sessions().written()).isEqualTo(before.sessions().size());
        VerificationReport report = summary.verification();
        assertThat(report.equal()).as(report.describe()).isTrue();
        assertThat(report.reconstructed()).containsExactlyInAnyOrderElementsOf(withoutRecord);
    }

    @Test
    void runningAgainAfterSuccessWritesNothingAndReportsEverythingAsPresent() {
        Path source = tmp.resolve("source");
        GeneratedStores.write(source, GeneratedStores.quick(2));
        Path target = tmp.resolve("target");
        MigrationSummary first = new Migrator(options()).migrate(source, target);
        StoreContents afterFirst = StoreContents.of(target);

        MigrationSummary second = new Migrator(options()).migrate(source, target);

        assertThat(second.outcome()).as(second.describe()).isEqualTo(Outcome.COMPLETED);
        assertThat(second.events().written()).isZero();
        assertThat(second.events().alreadyPresent()).isEqualTo(first.events().read());
        assertThat(second.sessions().written()).isZero();
        assertThat(second.sessions().alreadyPresent())
                .isEqualTo(first.sessions().written() + first.reconstructedSessions());
        assertThat(second.reconstructedSessions()).isZero();
        assertThat(StoreContents.of(target)).isEqualTo(afterFirst);
    }

    @Test
    void exactVerificationNamesTheSessionsAndEventsThatDiffer() {
        Path source = tmp.resolve("source");
        UpstreamDataset data = GeneratedStores.write(source, GeneratedStores.quick(3));
        Path target = tmp.resolve("target");
        new Migrator(options()).migrate(source, target);
        List<SessionMeta> records = data.sessionMetas();
        SessionMeta relabelled = records.get(0);
        Set<String> parents = records.stream().map(SessionMeta::parentSessionId).filter(p -> p != null)
                .collect(Collectors.toSet());
        String deleted = data.sessions().stream().filter(s -> s.meta().isPresent() && !s.lines().isEmpty())
                .filter(s -> !s.sessionId().equals(relabelled.sessionId()) && !parents.contains(s.sessionId()))
                .findFirst().orElseThrow().sessionId();
        MonitorEvent extra;
        try (MonitorStore t = StoreOpener.at(target).open(ReadProblemListener.NONE)) {
            t.saveSession(relabelled.toBuilder().label("changed in the target").build());
            t.deleteSession(deleted);
            MonitorEvent some = t.streamEvents(relabelled.sessionId()).findFirst().orElseThrow();
            extra = some.toBuilder().id("only-in-target").build();
            t.saveEvent(extra);
        }

        VerificationReport report = Migrator.verify(source, target, RefusedRecords.none(), VerificationMode.EXACT);

        assertThat(report.passed()).isFalse();
        assertThat(report.differences()).extracting(Difference::kind, Difference::sessionId, Difference::eventId)
                .contains(org.assertj.core.groups.Tuple.tuple(Difference.Kind.SESSION_DIFFERS,
                                relabelled.sessionId(), null),
                        org.assertj.core.groups.Tuple.tuple(Difference.Kind.SESSION_MISSING, deleted, null),
                        org.assertj.core.groups.Tuple.tuple(Difference.Kind.EVENT_EXTRA, relabelled.sessionId(),
                                "only-in-target"));
        long deletedEvents = data.session(deleted).distinctEvents().size();
        assertThat(report.count(Difference.Kind.EVENT_MISSING)).isEqualTo(deletedEvents);
        assertThat(report.count(Difference.Kind.SESSION_DIFFERS)).isEqualTo(1);
        assertThat(report.count(Difference.Kind.EVENT_EXTRA)).isEqualTo(1);
        long relabelledEvents = data.session(relabelled.sessionId()).distinctEvents().size();
        assertThat(report.eventCounts()).containsExactlyInAnyOrder(
                new EventCountMismatch(deleted, deletedEvents, 0),
                new EventCountMismatch(relabelled.sessionId(), relabelledEvents, relabelledEvents + 1));
    }

    @Test
    void aSessionWithEventsButNoRecordGetsOneReconstructedFromItsEventsOnly() throws IOException {
        Path source = tmp.resolve("source");
        Path dir = Files.createDirectories(source.resolve("sessions").resolve("abcdef0123456789"));
        List<String> lines = new ArrayList<>();
        lines.add(event("e1", 1_000, "session_start", "SessionStart", null));
        lines.add(event("e2", 2_000, "tool_call", "PreToolUse", "parent0123456789"));
        lines.add(event("e3", 3_000, "session_end", "Stop", "parent0123456789"));
        lines.add(event("e4", 4_000, "message", "Notification", null));
        Files.write(dir.resolve("events.jsonl"), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        Path target = tmp.resolve("target");

        MigrationSummary summary = new Migrator(options()).migrate(source, target);

        assertThat(summary.outcome()).as(summary.describe()).isEqualTo(Outcome.COMPLETED);
        assertThat(summary.reconstructedSessions()).isEqualTo(1);
        assertThat(summary.verification().reconstructed()).containsExactly("abcdef0123456789");
        try (MonitorStore t = StoreOpener.at(target).open(ReadProblemListener.NONE)) {
            ObjectNode expected = MonitorJson.newObject();
            expected.put("sessionId", "abcdef0123456789");
            expected.put("machineId", "machine-1");
            expected.put("workingDirectory", "/work/project");
            expected.put("startTime", 1_000);
            expected.put("endTime", 3_000);
            expected.put("status", "completed");
            expected.put("parentSessionId", "parent0123456789");
            assertThat(StoreContents.canonical(MonitorJson.toJson(t.getSession("abcdef0123456789").orElseThrow())))
                    .isEqualTo(StoreContents.canonical(expected));
        }
    }

    @Test
    void aReconstructedSessionNeverReplacesARecordTheTargetHoldsNorIsComparedWithIt() throws IOException {
        Path source = tmp.resolve("source");
        Path dir = Files.createDirectories(source.resolve("sessions").resolve("abcdef0123456789"));
        Files.writeString(dir.resolve("events.jsonl"), event("e1", 1_000, "session_start", "SessionStart", null)
                + "\n");
        Path target = tmp.resolve("target");
        SessionMeta held = SessionMeta.builder().sessionId("abcdef0123456789").machineId("elsewhere")
                .workingDirectory("/kept").startTime(5).status(io.contextuate.monitor.spi.model.SessionStatus.ERROR)
                .label("the target's own").build();
        try (MonitorStore t = StoreOpener.at(target).open(ReadProblemListener.NONE)) {
            t.saveSession(held);
        }

        MigrationSummary summary = new Migrator(options()).migrate(source, target);

        assertThat(summary.outcome()).as(summary.describe()).isEqualTo(Outcome.COMPLETED);
        assertThat(summary.verification().keptTargetRecords()).containsExactly("abcdef0123456789");
        assertThat(summary.verification().count(Difference.Kind.SESSION_DIFFERS)).isZero();
        assertThat(summary.reconstructedSessions()).isZero();
        assertThat(summary.sessions().alreadyPresent()).isEqualTo(1);
        try (MonitorStore t = StoreOpener.at(target).open(ReadProblemListener.NONE)) {
            assertThat(t.getSession("abcdef0123456789")).contains(held);
            assertThat(t.streamEvents("abcdef0123456789").count()).isEqualTo(1);
        }
    }

    @Test
    void aDryRunReadsAndValidatesEverythingAndWritesNothing() {
        Path source = tmp.resolve("source");
        GeneratedStores.write(source, GeneratedStores.quick(4));
        Path target = tmp.resolve("target");

        MigrationSummary summary = new Migrator(options().withDryRun(true)).migrate(source, target);

        assertThat(summary.outcome()).as(summary.describe()).isEqualTo(Outcome.COMPLETED);
        assertThat(summary.events().read()).isEqualTo(StoreContents.of(source).eventCount());
        assertThat(summary.events().written()).isZero();
        assertThat(target).doesNotExist();
    }

    @Test
    void parentsAreSavedBeforeTheirChildrenAndBatchesKeepToBothLimits() {
        Path source = tmp.resolve("source");
        UpstreamDataset data = GeneratedStores.write(source, GeneratedStores.quick(5).withSessions(30)
                .withLargePayloads(40_000, 5));
        Path target = tmp.resolve("target");
        RecordingStore recording = new RecordingStore(StoreOpener.at(target).open(ReadProblemListener.NONE));
        MigrationOptions small = options().withBatchEvents(7).withBatchBytes(30_000);

        MigrationSummary summary = new Migrator(small).migrate(StoreOpener.at(source),
                StoreOpener.of("recording", recording));

        assertThat(summary.outcome()).as(summary.describe()).isEqualTo(Outcome.COMPLETED);
        List<String> order = recording.savedSessions;
        int checkedPairs = 0;
        for (SessionMeta m : data.sessionMetas()) {
            String parent = m.parentSessionId();
            if (parent != null && !parent.equals(m.sessionId()) && order.contains(parent)) {
                assertThat(order.indexOf(parent)).as("%s saved before its child %s", parent, m.sessionId())
                        .isLessThan(order.indexOf(m.sessionId()));
                checkedPairs++;
            }
        }
        assertThat(checkedPairs).isPositive();
        assertThat(recording.batches).isNotEmpty().allSatisfy(batch -> {
            assertThat(batch.size()).isBetween(1, 7);
            long bytes = batch.stream().mapToLong(e -> MonitorJson.toLine(e).length).sum();
            assertThat(batch.size() == 1 || bytes <= 30_000).as("batch of %d events, %d bytes", batch.size(), bytes)
                    .isTrue();
        });
        assertThat(recording.batches).anySatisfy(b -> assertThat(b).hasSize(1));
    }

    private static String event(String id, long ts, String type, String hook, String parent) {
        ObjectNode o = MonitorJson.newObject();
        o.put("id", id);
        o.put("timestamp", ts);
        o.put("sessionId", "abcdef0123456789");
        if (parent != null) {
            o.put("parentSessionId", parent);
        }
        o.put("machineId", "machine-1");
        o.put("workingDirectory", "/work/project");
        o.put("eventType", type);
        o.put("hookType", hook);
        o.putObject("data");
        return MonitorJson.toText(o);
    }
}
