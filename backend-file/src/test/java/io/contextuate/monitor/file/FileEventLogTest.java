package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.log.EventLog;
import io.contextuate.monitor.spi.log.LogPosition;
import io.contextuate.monitor.spi.log.LogRead;
import io.contextuate.monitor.spi.log.LogSession;
import io.contextuate.monitor.spi.log.LogWatch;
import io.contextuate.monitor.spi.log.RecordRead;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The file store's event log: incremental reads of upstream's files as they grow, change and get replaced. */
class FileEventLogTest {

    @TempDir
    Path base;

    private EventLog log() {
        return FileStore.open(base, null).eventLog().orElseThrow();
    }

    private Path events(String session) throws Exception {
        Path dir = base.resolve("sessions").resolve(session);
        Files.createDirectories(dir);
        return dir.resolve("events.jsonl");
    }

    private static byte[] lines(MonitorEvent... events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MonitorEvent e : events) {
            out.writeBytes(TestRecords.upstreamLine(e));
        }
        return out.toByteArray();
    }

    private static MonitorEvent e(String id, int i) {
        return TestRecords.event("s1", id, TestRecords.T0 + i);
    }

    @Test
    void readsOnlyTheWholeLinesAfterAPositionAndLetsAnUnfinishedLineWait() throws Exception {
        Path file = events("s1");
        Files.write(file, lines(e("a", 1), e("b", 2)));
        byte[] third = TestRecords.upstreamLine(e("c", 3));
        Files.write(file, java.util.Arrays.copyOf(third, 20), StandardOpenOption.APPEND);

        LogRead first = log().read("s1", LogPosition.START, 100, false);
        assertThat(TestRecords.ids(first.events())).containsExactly("a", "b");
        assertThat(first.unfinishedBytes()).isEqualTo(20);
        assertThat(first.next().lines()).isEqualTo(2);

        Files.write(file, java.util.Arrays.copyOfRange(third, 20, third.length), StandardOpenOption.APPEND);
        LogRead second = log().read("s1", first.next(), 100, false);
        assertThat(TestRecords.ids(second.events())).containsExactly("c");
        assertThat(second.restarted()).isFalse();
        assertThat(second.unfinishedBytes()).isZero();
        assertThat(second.next().offset()).isEqualTo(Files.size(file));

        LogRead nothing = log().read("s1", second.next(), 100, false);
        assertThat(nothing.events()).isEmpty();
        assertThat(nothing.next()).isEqualTo(second.next());
    }

    @Test
    void stopsAtTheLimitAndGoesOnFromThere() throws Exception {
        Path file = events("s1");
        Files.write(file, lines(e("a", 1), e("b", 2), e("c", 3), e("d", 4), e("e", 5)));

        LogRead first = log().read("s1", LogPosition.START, 2, false);
        LogRead second = log().read("s1", first.next(), 2, false);
        LogRead third = log().read("s1", second.next(), 2, false);

        assertThat(TestRecords.ids(first.events())).containsExactly("a", "b");
        assertThat(first.more()).isTrue();
        assertThat(TestRecords.ids(second.events())).containsExactly("c", "d");
        assertThat(TestRecords.ids(third.events())).containsExactly("e");
        assertThat(third.more()).isFalse();
    }

    @Test
    void aFileTruncatedAndWrittenAgainLongerIsReadFromItsStart() throws Exception {
        Path file = events("s1");
        Files.write(file, lines(e("a", 1), e("b", 2)));
        LogRead first = log().read("s1", LogPosition.START, 100, false);

        Files.write(file, lines(e("x", 1), e("y", 2), e("z", 3))); // truncate and write, same file
        LogRead again = log().read("s1", first.next(), 100, false);

        assertThat(again.restarted()).isTrue();
        assertThat(TestRecords.ids(again.events())).containsExactly("x", "y", "z");
    }

    @Test
    void aTruncatedFileAndAReplacedFileAreReadFromTheirStart() throws Exception {
        Path file = events("s1");
        Files.write(file, lines(e("a", 1), e("b", 2)));
        LogRead first = log().read("s1", LogPosition.START, 100, false);

        Files.write(file, lines(e("x", 1)));
        LogRead truncated = log().read("s1", first.next(), 100, false);
        assertThat(truncated.restarted()).isTrue();
        assertThat(TestRecords.ids(truncated.events())).containsExactly("x");

        Path other = file.resolveSibling("new.jsonl");
        Files.write(other, lines(e("x", 1), e("q", 2)));
        Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        LogRead replaced = log().read("s1", truncated.next(), 100, false);
        assertThat(replaced.restarted()).isTrue();
        assertThat(TestRecords.ids(replaced.events())).containsExactly("x", "q");
    }

    @Test
    void aBadLineIsAProblemWithFileLineOffsetAndBytesAndTheLinesAroundItArrive() throws Exception {
        Path file = events("s1");
        byte[] a = lines(e("a", 1));
        Files.write(file, a);
        Files.write(file, "{not json\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        Files.write(file, lines(e("b", 2)), StandardOpenOption.APPEND);

        LogRead read = log().read("s1", LogPosition.START, 100, false);

        assertThat(TestRecords.ids(read.events())).containsExactly("a", "b");
        assertThat(read.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(file.toString());
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.reason()).startsWith("at byte " + a.length + ":");
            assertThat(new String(p.content(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        });
    }

    @Test
    void anUnfinishedLineTakenAfterItsWaitIsAProblemAndThePositionMovesPastIt() throws Exception {
        Path file = events("s1");
        Files.write(file, lines(e("a", 1)));
        Files.write(file, "{\"id\":\"cut".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        LogRead taken = log().read("s1", LogPosition.START, 100, true);

        assertThat(TestRecords.ids(taken.events())).containsExactly("a");
        assertThat(taken.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("cut short"));
        assertThat(taken.next().offset()).isEqualTo(Files.size(file));
        assertThat(taken.unfinishedBytes()).isZero();
    }

    @Test
    void scanTellsEachSessionsRecordAndEventsFileAndReadRecordTellsAHalfWrittenOne() throws Exception {
        Files.write(events("s1"), lines(e("a", 1)));
        try (FileStore store = FileStore.open(base, null)) {
            store.saveSession(TestRecords.session("s2", TestRecords.T0));
        }
        Files.createDirectories(base.resolve("sessions/s3"));
        Files.write(base.resolve("sessions/s3/meta.json"), new byte[0]);

        List<LogSession> scan = log().scan();

        assertThat(scan).extracting(LogSession::sessionId).containsExactlyInAnyOrder("s1", "s2", "s3");
        LogSession s1 = scan.stream().filter(s -> s.sessionId().equals("s1")).findFirst().orElseThrow();
        assertThat(s1.record()).isNull();
        assertThat(s1.events().size()).isEqualTo(Files.size(events("s1")));
        RecordRead s2 = log().readRecord("s2");
        assertThat(s2.session()).hasValueSatisfying(m -> assertThat(m.sessionId()).isEqualTo("s2"));
        RecordRead s3 = log().readRecord("s3");
        assertThat(s3.broken()).isTrue();
        assertThat(s3.session()).isEmpty();
        assertThat(log().readRecord("s1").version()).isNull();
    }

    @Test
    void readingALogOnAReadOnlyDirectoryWritesNothing() throws Exception {
        Files.write(events("s1"), lines(e("a", 1), e("b", 2)));
        Path sessions = base.resolve("sessions");
        List<Path> before;
        try (Stream<Path> all = Files.walk(base)) {
            before = all.toList();
        }
        Files.setPosixFilePermissions(sessions.resolve("s1"), PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(sessions, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            EventLog log = log();
            assertThat(log.scan()).hasSize(1);
            assertThat(TestRecords.ids(log.read("s1", LogPosition.START, 10, false).events()))
                    .containsExactly("a", "b");
            try (LogWatch watch = log.watch(Duration.ofMillis(100))) {
                watch.await(Duration.ofMillis(10));
            }
            try (Stream<Path> all = Files.walk(base)) {
                assertThat(all.toList()).containsExactlyInAnyOrderElementsOf(before);
            }
        } finally {
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(sessions, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(sessions.resolve("s1"), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void theWatchWakesWhenAnotherProcessAppendsAsUpstreamDoesAndWhenASessionAppears() throws Exception {
        Path file = events("s1");
        Files.write(file, lines(e("a", 1)));
        try (LogWatch watch = log().watch(Duration.ofSeconds(60))) {
            assertThat(watch.notified()).isTrue();
            assertThat(watch.await(Duration.ofMillis(50))).isFalse();

            String line = new String(lines(e("b", 2)), StandardCharsets.UTF_8);
            Process node = new ProcessBuilder("node", "-e",
                    "require('fs').appendFileSync(process.argv[1], process.argv[2])", file.toString(), line)
                    .inheritIO().start();
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(watch.await(Duration.ofSeconds(30))).as("woken by the append").isTrue();

            Files.createDirectories(base.resolve("sessions/s9"));
            assertThat(watch.await(Duration.ofSeconds(30))).as("woken by a new session").isTrue();
            Files.write(base.resolve("sessions/s9/meta.json"), MonitorJson.toMetaJson(TestRecords.session("s9", 1)));
            assertThat(watch.await(Duration.ofSeconds(30))).as("woken by a file in the new session").isTrue();
        }
    }
}
