package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.ReadProblem;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.contextuate.monitor.file.TestRecords.T0;
import static io.contextuate.monitor.file.TestRecords.event;
import static io.contextuate.monitor.file.TestRecords.ids;
import static io.contextuate.monitor.file.TestRecords.session;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entries of a store directory that cannot be read as sessions are reported, each naming the entry and why, and
 * never stop or silently shrink a read of the rest.
 */
class DamagedEntriesReadingTest {

    @TempDir
    Path temp;

    private final List<ReadProblem> problems = new CopyOnWriteArrayList<>();

    @Test
    void anEventsFileNobodyMayReadIsAProblemOfItsSessionAndTheRestOfTheStoreIsRead() throws Exception {
        Path base = temp.resolve("store");
        writeSession(base, "readable1");
        writeSession(base, "unreadable");
        Path locked = base.resolve("sessions/unreadable/events.jsonl");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("-w-------"));
        try (Stream<Path> all = Files.walk(temp)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }

        List<String> output = UnprivilegedJvm.run(temp.resolve("jvm"), StoreReaderProcess.class, base.toString())
                .lines().toList();

        assertThat(output).anySatisfy(line -> assertThat(line).startsWith("PROBLEM\t" + locked + "\t")
                .contains("cannot be read"));
        assertThat(output).contains("EVENTS\treadable1\t3\t3", "EVENTS\tunreadable\t0\t0", "SESSIONS\t2",
                "STATS\t2\t3");
    }

    @Test
    void anEventsFileThatIsADirectoryOrASymbolicLinkLoopAndASessionsEntryThatLoopsAreReported() throws Exception {
        Path base = temp.resolve("store");
        writeSession(base, "good");
        Path dir = Files.createDirectories(base.resolve("sessions/dirinstead"));
        Files.write(dir.resolve("meta.json"), MonitorJson.toMetaJson(session("dirinstead", T0)));
        Files.createDirectories(dir.resolve("events.jsonl"));
        Path loopDir = Files.createDirectories(base.resolve("sessions/looped"));
        Files.createSymbolicLink(loopDir.resolve("events.jsonl"), loopDir.resolve("events.jsonl"));
        Path loopEntry = base.resolve("sessions/loopentry");
        Files.createSymbolicLink(loopEntry, loopEntry);

        try (FileStore store = FileStore.open(base, problems::add)) {
            assertThat(store.stats().events()).isEqualTo(3);
            assertThat(store.getSessions(SessionQuery.all())).extracting(SessionMeta::sessionId)
                    .containsExactlyInAnyOrder("good", "dirinstead");
            for (String id : List.of("dirinstead", "looped")) {
                assertThat(ids(store.streamEventsInSaveOrder(id))).isEmpty();
                assertThat(store.getEvents(id, EventQuery.newest(10))).isEmpty();
            }
        }
        assertThat(problems).anySatisfy(p -> assertThat(p.location()).isEqualTo(dir.resolve("events.jsonl")
                .toString())).anySatisfy(p -> assertThat(p.location()).isEqualTo(loopDir.resolve("events.jsonl")
                .toString())).anySatisfy(p -> assertThat(p.location()).isEqualTo(loopEntry.toString()));
    }

    @Test
    void aSessionFolderWhoseNameCannotBeASessionIdIsReportedByEveryListing() throws Exception {
        Path base = temp.resolve("store");
        writeSession(base, "good");
        writeSession(base, "back\\slash");
        try (FileStore store = FileStore.open(base, problems::add)) {
            assertThat(store.getSessions(SessionQuery.all())).hasSize(1);
            assertThat(problems).hasSize(1);
            try (Stream<SessionMeta> s = store.streamSessions()) {
                assertThat(s.count()).isEqualTo(1);
            }
            assertThat(problems).hasSize(2);
            assertThat(store.stats().sessions()).isEqualTo(1);
            assertThat(problems).hasSize(3);
        }
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.location()).isEqualTo(base.resolve("sessions").resolve("back\\slash").toString());
            assertThat(p.reason()).contains("'\\'").contains("left out");
        });
    }

    @Test
    void aMetaJsonHoldingAnotherSessionIdIsReportedWithItsBytesAndNotTakenForTheFolder() throws Exception {
        Path base = temp.resolve("store");
        writeSession(base, "folder1");
        byte[] foreign = MonitorJson.toMetaJson(session("otherid", T0 + 5));
        Path meta = base.resolve("sessions/folder1/meta.json");
        Files.write(meta, foreign);
        try (FileStore store = FileStore.open(base, problems::add)) {
            assertThat(store.getSession("folder1")).isEmpty();
            assertThat(store.getSession("otherid")).isEmpty();
            assertThat(store.getSessions(SessionQuery.all())).isEmpty();
            assertThat(ids(store.getEvents("folder1"))).hasSize(3);
        }
        assertThat(problems).isNotEmpty().allSatisfy(p -> {
            assertThat(p.location()).isEqualTo(meta.toString());
            assertThat(p.reason()).contains("'otherid'", "'folder1'");
            assertThat(p.content()).isEqualTo(foreign);
        });
    }

    private static void writeSession(Path base, String id) throws IOException {
        Path dir = Files.createDirectories(base.resolve("sessions").resolve(id));
        Files.write(dir.resolve("meta.json"), MonitorJson.toMetaJson(session(id, T0)));
        for (int i = 0; i < 3; i++) {
            Files.write(dir.resolve("events.jsonl"), TestRecords.upstreamLine(event(id, "e" + i, T0 + i)),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
