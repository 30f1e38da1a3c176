package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.ReadProblem;
import io.contextuate.monitor.spi.json.MonitorJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.contextuate.monitor.file.TestRecords.T0;
import static io.contextuate.monitor.file.TestRecords.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write of this store cut short by {@code kill -9} (a real second JVM, killed in the middle of a 20 MB append)
 * is repaired by the next store that opens the directory for writing: after a rerun every line parses and every
 * event is there once; upstream's own cut-short lines are never removed.
 */
class InterruptedAppendRepairTest {

    private static final String SESSION = "killedwriter01";
    private static final int PAYLOAD = 20 * 1024 * 1024;
    private static final int PER_ATTEMPT = 2;
    private static final int MAX_ATTEMPTS = 15;

    @TempDir
    Path base;

    private final List<ReadProblem> problems = new CopyOnWriteArrayList<>();

    @Test
    void aWriteCutShortByKill9IsRepairedAndARerunLeavesEveryLineParsingAndEveryEventOnce() throws Exception {
        Path file = base.resolve("sessions").resolve(SESSION).resolve("events.jsonl");
        Files.createDirectories(file.getParent());
        Files.write(file, TestRecords.upstreamLine(event(SESSION, "upstream-0", T0)));
        List<String> saved = new ArrayList<>();
        saved.add("upstream-0");
        boolean cut = false;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && !cut; attempt++) {
            String prefix = "big-" + attempt + "-";
            for (int i = 0; i < PER_ATTEMPT; i++) {
                saved.add(prefix + i);
            }
            cut = killInTheMiddleOfAWrite(prefix, file);
        }
        assertThat(cut).as("a kill -9 landed in the middle of a write in %d attempts", MAX_ATTEMPTS).isTrue();
        assertThat(lastByte(file)).as("the write was cut short: the file ends inside a line").isNotEqualTo('\n');

        try (FileStore store = FileStore.open(base, problems::add)) {
            assertThat(lastByte(file)).as("opening for writing repaired the file").isEqualTo('\n');
            assertThat(idsOfEveryLine(file)).contains("upstream-0");
            for (String id : saved.subList(1, saved.size())) { // the rerun: everything saved again
                store.saveEvent(TestRecords.eventWithPayload(SESSION, id, T0, PAYLOAD));
            }
            assertThat(store.stats().events()).isEqualTo(saved.size());
        }

        assertThat(idsOfEveryLine(file)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(saved);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.reason()).contains("interrupted write of this store");
            assertThat(p.content()).isNotEmpty();
            assertThat(new String(p.content(), 0, 8, StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"b");
        });
    }

    @Test
    void upstreamsCutShortLineAfterACompleteWriteWhoseNoteWasLeftIsEndedNotBlanked() throws Exception {
        Path file = base.resolve("sessions").resolve(SESSION).resolve("events.jsonl");
        try (FileStore store = FileStore.open(base, problems::add)) {
            store.saveEvent(event(SESSION, "ours", T0));
        }
        byte[] ourLine = Files.readAllBytes(file);
        // as if the process had died between its write and the removal of its note, and upstream crashed after it
        AppendJournal.record(new StoreLayout(base.toAbsolutePath()).appendJournal(SESSION), 0, ourLine, 0,
                ourLine.length);
        byte[] upstreamCut = "{\"id\":\"upstream-cut\",\"timest".getBytes(StandardCharsets.UTF_8);
        Files.write(file, upstreamCut, StandardOpenOption.APPEND);

        try (FileStore store = FileStore.open(base, problems::add)) {
            store.saveEvent(event(SESSION, "next", T0 + 1));
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).containsExactly(new String(ourLine, StandardCharsets.UTF_8).strip(),
                new String(upstreamCut, StandardCharsets.UTF_8), lines.get(2));
        assertThat(MonitorJson.readEvent(lines.get(2).getBytes(StandardCharsets.UTF_8)).id()).isEqualTo("next");
        assertThat(problems).noneMatch(p -> p.reason().contains("interrupted write of this store"));
    }

    /** Starts a writer of big events and kills it (SIGKILL) as soon as the file ends inside a line. */
    private boolean killInTheMiddleOfAWrite(String prefix, Path file) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BigEventWriter.class.getName(),
                base.toString(), SESSION, prefix, String.valueOf(PER_ATTEMPT), String.valueOf(PAYLOAD))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            while (child.isAlive()) {
                if (lastByte(file) != '\n') {
                    child.destroyForcibly(); // SIGKILL
                    break;
                }
                Thread.onSpinWait();
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the writer ended").isTrue();
        }
        return lastByte(file) != '\n';
    }

    private static int lastByte(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer one = ByteBuffer.allocate(1);
            return size == 0 || channel.read(one, size - 1) < 1 ? '\n' : one.get(0);
        }
    }

    /** The id of every line that is not blank; fails on a line that does not parse. */
    private static List<String> idsOfEveryLine(Path file) throws IOException {
        List<String> ids = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    ids.add(MonitorJson.readEvent(line.getBytes(StandardCharsets.UTF_8)).id());
                }
            }
        }
        return ids;
    }
}
