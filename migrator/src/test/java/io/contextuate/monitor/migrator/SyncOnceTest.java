package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionPatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.contextuate.monitor.migrator.SyncFiles.append;
import static io.contextuate.monitor.migrator.SyncFiles.event;
import static io.contextuate.monitor.migrator.SyncFiles.session;
import static io.contextuate.monitor.migrator.SyncFiles.writeMeta;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code sync} without {@code --follow}: one pass that brings a target up to date with upstream file stores. */
class SyncOnceTest {

    @TempDir
    Path tmp;

    private Path source() {
        return tmp.resolve("source");
    }

    private Path target() {
        return tmp.resolve("target");
    }

    private SyncOptions options() {
        return SyncOptions.defaults().withStateDir(tmp.resolve("state")).withBatchEvents(7)
                .withBrokenRecordWait(Duration.ofMillis(300));
    }

    private SyncSummary sync() {
        return new Sync(options()).once(List.of(source()), target());
    }

    private SyncSummary sync(SyncOptions options) {
        return new Sync(options).once(List.of(source()), target());
    }

    private static List<String> ids(Path store, String session) {
        try (MonitorStore s = StoreOpener.at(store).open(ReadProblemListener.NONE);
             Stream<MonitorEvent> events = s.streamEvents(session)) {
            return events.map(MonitorEvent::id).toList();
        }
    }

    private static SessionMeta record(Path store, String session) {
        try (MonitorStore s = StoreOpener.at(store).open(ReadProblemListener.NONE)) {
            return s.getSession(session).orElseThrow();
        }
    }

    private void label(String session, String label) {
        try (MonitorStore s = StoreOpener.at(target()).open(ReadProblemListener.NONE)) {
            s.updateSession(session, SessionPatch.empty().set("label", label).set("isPinned", true));
        }
    }

    @Test
    void aFirstSyncCarriesEveryRecordAndEventAndASecondOneAddsNothing() throws Exception {
        GeneratedStores.write(source(), GeneratedStores.quick(3));
        Files.walk(source()).filter(p -> p.toString().contains(".index")).sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        Path migrated = tmp.resolve("migrated");
        new Migrator(MigrationOptions.defaults().withRejectsDir(tmp.resolve("mig-rejects"))).migrate(source(), migrated);

        SyncSummary first = sync();
        SyncSummary second = sync();

        StoreContents synced = StoreContents.of(target());
        StoreContents expected = StoreContents.of(migrated);
        assertThat(synced.sessions()).isEqualTo(expected.sessions());
        assertThat(synced.events().keySet()).isEqualTo(expected.events().keySet());
        for (String id : expected.events().keySet()) {
            assertThat(new java.util.HashSet<>(synced.events().get(id))).as(id)
                    .isEqualTo(new java.util.HashSet<>(expected.events().get(id)));
            assertThat(synced.events().get(id)).as(id).hasSameSizeAs(expected.events().get(id));
        }
        assertThat(first.sources().get(0).eventsWritten()).isEqualTo(StoreContents.of(migrated).eventCount());
        assertThat(second.sources().get(0).eventsWritten()).isZero();
        assertThat(second.sources().get(0).sessionsWritten()).isZero();
        assertThat(second.exitCode()).isEqualTo(first.exitCode());
    }

    @Test
    void newLinesAndChangedRecordsAreCarriedByTheNextSync() throws Exception {
        writeMeta(source(), session("s1", 1));
        append(source(), event("s1", "a", 1), event("s1", "b", 2));
        assertThat(sync().exitCode()).isZero();

        append(source(), event("s1", "c", 3));
        writeMeta(source(), session("s1", 5));
        writeMeta(source(), session("s2", 1));
        append(source(), event("s2", "x", 1));
        SyncSummary again = sync();

        assertThat(again.exitCode()).isZero();
        assertThat(again.sources().get(0).eventsWritten()).isEqualTo(2);
        assertThat(ids(target(), "s1")).containsExactly("a", "b", "c");
        assertThat(ids(target(), "s2")).containsExactly("x");
        assertThat(record(target(), "s1").tokenUsage().totalInput()).isEqualTo(5);
    }

    @Test
    void aLabelSetInTheTargetSurvivesARerunOfSyncUntilTheSourceChangesThatSession() throws Exception {
        writeMeta(source(), session("s1", 1));
        append(source(), event("s1", "a", 1));
        sync();
        label("s1", "from the team");

        append(source(), event("s1", "b", 2)); // events only: the record is unchanged
        sync();
        assertThat(record(target(), "s1").label()).isEqualTo("from the team");
        assertThat(record(target(), "s1").pinned()).isTrue();
        assertThat(ids(target(), "s1")).containsExactly("a", "b");

        writeMeta(source(), session("s1", 9)); // the source changes the session again
        sync();
        assertThat(record(target(), "s1").label()).isNull();
        assertThat(record(target(), "s1").tokenUsage().totalInput()).isEqualTo(9);
    }

    @Test
    void aLabelSetInTheTargetSurvivesARerunOfMigrate() throws Exception {
        writeMeta(source(), session("s1", 1));
        append(source(), event("s1", "a", 1));
        MigrationOptions migrate = MigrationOptions.defaults().withRejectsDir(tmp.resolve("rejects"));
        assertThat(new Migrator(migrate).migrate(source(), target()).exitCode()).isZero();
        label("s1", "kept");

        MigrationSummary rerun = new Migrator(migrate).migrate(source(), target());

        assertThat(rerun.exitCode()).as("the built-in verification takes the edit as the target's own").isZero();
        assertThat(rerun.sessions().written()).isZero();
        assertThat(record(target(), "s1").label()).isEqualTo("kept");

        writeMeta(source(), session("s1", 2));
        assertThat(new Migrator(migrate).migrate(source(), target()).exitCode()).isZero();
        assertThat(record(target(), "s1").label()).isNull();
    }

    @Test
    void aSessionDeletedInTheSourceStaysInTheTargetUnlessDeletesArePropagated() throws Exception {
        writeMeta(source(), session("keep", 1));
        writeMeta(source(), session("gone", 1));
        append(source(), event("gone", "g1", 1));
        sync();

        deleteTree(source().resolve("sessions/gone"));
        sync();
        assertThat(record(target(), "gone").sessionId()).isEqualTo("gone");

        writeMeta(source(), session("gone", 1));
        append(source(), event("gone", "g2", 2));
        sync();
        deleteTree(source().resolve("sessions/gone"));
        SyncSummary propagated = sync(options().withPropagateDeletes(true));

        assertThat(propagated.sources().get(0).deleted()).isEqualTo(1);
        try (MonitorStore t = StoreOpener.at(target()).open(ReadProblemListener.NONE)) {
            assertThat(t.getSession("gone")).isEmpty();
            assertThat(t.getSession("keep")).isPresent();
        }
    }

    @Test
    void oneSyncOfTwoSourcesCarriesBothIntoOneTargetAndKeepsAPositionPerSource() throws Exception {
        Path other = tmp.resolve("other-machine");
        writeMeta(source(), session("a1", 1));
        append(source(), event("a1", "x", 1));
        writeMeta(other, session("b1", 1));
        append(other, event("b1", "y", 1));
        append(other, event("b1", "z", 2));

        SyncSummary first = new Sync(options()).once(List.of(source(), other), target());
        append(other, event("b1", "w", 3));
        SyncSummary second = new Sync(options()).once(List.of(source(), other), target());

        assertThat(first.exitCode()).isZero();
        assertThat(first.sources()).extracting(SyncSummary.Source::eventsWritten).containsExactly(1L, 2L);
        assertThat(second.sources()).extracting(SyncSummary.Source::eventsWritten).containsExactly(0L, 1L);
        assertThat(ids(target(), "a1")).containsExactly("x");
        assertThat(ids(target(), "b1")).containsExactly("y", "z", "w");
        assertThat(SyncStatus.read(tmp.resolve("state"))).hasSize(2)
                .allSatisfy(st -> assertThat(st.linesBehind()).isZero());
    }

    @Test
    void aSourceWhoseSessionsFolderVanishedDeletesNothingAndForgetsNothingEvenWhenDeletesArePropagated()
            throws Exception {
        writeMeta(source(), session("s1", 1));
        writeMeta(source(), session("s2", 1));
        append(source(), event("s1", "a", 1));
        sync();
        label("s1", "from the team");
        Path away = tmp.resolve("sessions-away");
        Files.move(source().resolve("sessions"), away); // an unmounted or moved directory, not a clear-all

        SyncSummary empty = sync(options().withPropagateDeletes(true));

        assertThat(empty.sources().get(0).deleted()).isZero();
        assertThat(record(target(), "s1").label()).isEqualTo("from the team");
        assertThat(record(target(), "s2").sessionId()).isEqualTo("s2");

        Files.move(away, source().resolve("sessions"));
        SyncSummary back = sync(options().withPropagateDeletes(true));
        assertThat(back.sources().get(0).sessionsWritten()).as("nothing carried again").isZero();
        assertThat(back.sources().get(0).eventsWritten()).isZero();
        assertThat(record(target(), "s1").label()).as("the edit made in the target survives").isEqualTo(
                "from the team");
    }

    @Test
    void aLineWithoutItsLineFeedWaitsAndIsRejectedOnlyOnceTheFileWasIdleLongEnough() throws Exception {
        writeMeta(source(), session("s1", 1));
        append(source(), event("s1", "a", 1));
        byte[] b = MonitorJson.toLine(event("s1", "b", 2));
        SyncFiles.appendBytes(source(), "s1", java.util.Arrays.copyOf(b, 15));

        assertThat(sync().exitCode()).isZero();
        assertThat(ids(target(), "s1")).containsExactly("a");

        SyncFiles.appendBytes(source(), "s1", (new String(b, StandardCharsets.UTF_8).substring(15) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(sync().exitCode()).isZero();
        assertThat(ids(target(), "s1")).containsExactly("a", "b");

        SyncFiles.appendBytes(source(), "s1", "{\"id\":\"cut".getBytes(StandardCharsets.UTF_8));
        SyncSummary waiting = sync();
        assertThat(waiting.exitCode()).isZero();
        SyncSummary timedOut = sync(options().withPartialLineTimeout(Duration.ZERO));
        assertThat(timedOut.exitCode()).isEqualTo(3);
        assertThat(rejectJson()).anySatisfy(j -> assertThat(j).contains("cut short").contains("events.jsonl"));

        append(source(), event("s1", "c", 3)); // upstream goes on after its crash: the next line is whole
        assertThat(sync().exitCode()).isZero();
        assertThat(ids(target(), "s1")).containsExactly("a", "b", "c");
    }

    @Test
    void aHalfWrittenRecordIsReadAgainAndRejectedOnlyWhenItStaysBroken() throws Exception {
        writeMeta(source(), session("s1", 1));
        sync();
        Path meta = source().resolve("sessions/s1/meta.json");
        Files.write(meta, new byte[0]); // upstream truncated it and is about to write
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(100);
                writeMeta(source(), session("s1", 7));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        SyncSummary reread = sync();
        writer.join();

        assertThat(reread.exitCode()).isZero();
        assertThat(record(target(), "s1").tokenUsage().totalInput()).isEqualTo(7);

        Files.write(meta, "{\"sessionId\": \"s1\", \"machi".getBytes(StandardCharsets.UTF_8)); // and stays so
        SyncSummary broken = sync();
        assertThat(broken.exitCode()).isEqualTo(3);
        assertThat(rejectJson()).anySatisfy(j -> assertThat(j).contains("meta.json").contains("\"session\""));
        assertThat(record(target(), "s1").tokenUsage().totalInput()).isEqualTo(7);
    }

    @Test
    void aTruncatedAndRewrittenEventsFileIsReadAgainFromItsStartWithoutCopies() throws Exception {
        writeMeta(source(), session("s1", 1));
        append(source(), event("s1", "a", 1), event("s1", "b", 2));
        sync();

        Files.write(source().resolve("sessions/s1/events.jsonl"), new byte[0]);
        append(source(), event("s1", "a", 1), event("s1", "c", 3), event("s1", "d", 4));
        SyncSummary again = sync();

        assertThat(again.sources().get(0).eventsWritten()).isEqualTo(2);
        assertThat(again.sources().get(0).eventsPresent()).isEqualTo(1);
        assertThat(ids(target(), "s1")).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aSessionWithEventsButNoRecordGetsARebuiltOneThatNeverReplacesARealOne() throws Exception {
        append(source(), event("orphan", "o1", 1));
        writeMeta(source(), session("real", 1));
        sync();
        assertThat(record(target(), "orphan").startTime()).isEqualTo(SyncFiles.T0 + 1);

        try (MonitorStore t = StoreOpener.at(target()).open(ReadProblemListener.NONE)) {
            t.saveSession(session("held", 42)); // the target already holds a real record
        }
        append(source(), event("held", "h1", 1));
        sync();
        assertThat(record(target(), "held").tokenUsage().totalInput()).isEqualTo(42);
        assertThat(ids(target(), "held")).containsExactly("h1");
    }

    @Test
    void theSourceIsLeftExactlyAsItWasFound() throws Exception {
        writeMeta(source(), session("s1", 1));
        append(source(), event("s1", "a", 1));
        List<String> before = listing(source());

        sync();

        assertThat(listing(source())).isEqualTo(before);
        assertThat(ids(target(), "s1")).containsExactly("a");
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.map(p -> dir.relativize(p) + " " + p.toFile().length()).sorted().toList();
        }
    }

    private List<String> rejectJson() throws Exception {
        try (Stream<Path> files = Files.walk(tmp.resolve("state"))) {
            return files.filter(p -> p.toString().endsWith(".json") && p.getParent().endsWith("rejects"))
                    .map(p -> {
                        try {
                            return Files.readString(p);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
