package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Appends events to a session's {@code events.jsonl} as upstream does (one compact line each, in save order), once
 * per event id. Every write goes through a channel opened with {@link StandardOpenOption#APPEND} (O_APPEND), so it
 * lands at the end of the file as it is at that moment, after whatever upstream (which takes no lock) appended
 * meanwhile; a batch of whole lines is one {@code write()}, which the kernel never interleaves with another
 * O_APPEND write. Writers of this library are serialised by the file's JVM lock and an exclusive {@link FileLock}.
 * A last line left without a line feed (a crash upstream) is first ended, and reported, so the new events start on
 * their own lines. A short write (a full disk) never gets its rest written separately, as another writer's line
 * could land inside ours: the cut-short line is removed again and the unwritten lines are tried once more as a new
 * write; when that fails too the write fails, leaving only whole lines.
 *
 * <p>A write cut short by the end of the process (killed, or the machine stopped) is repaired by the next writer:
 * before each write an {@link AppendJournal} note records where the file ended and how the write begins, and after
 * it the note is removed. A note left behind whose write landed (its first bytes start a line at or after the
 * recorded end), and whose last line is cut short within it, proves that cut-short line is ours: it is overwritten in
 * place with spaces ending in a line feed, a blank line every reader skips, and reported with its bytes. Overwriting
 * (not truncating) touches only bytes of our own write, below the end of the file, where upstream never writes, so
 * a line upstream appends at that moment is never lost. A cut-short line that is not provably ours (upstream's own
 * crash) is ended with a line feed and reported, never removed.
 */
final class EventAppender {

    private static final byte LF = '\n';
    /**
     * How long a last line without a line feed must stay unchanged to count as cut short for good: long enough for
     * a writer descheduled in the middle of its write on a loaded machine; paid only where a line really was cut.
     */
    private static final long SETTLE_NANOS = 300_000_000;

    private final StoreLayout layout;
    private final SessionIndexes indexes;

    EventAppender(StoreLayout layout, SessionIndexes indexes) {
        this.layout = layout;
        this.indexes = indexes;
    }

    /**
     * Appends the events (all of one session) whose ids the file does not hold yet.
     *
     * @return how many were new
     */
    int append(String sessionId, List<MonitorEvent> events, ProblemReporter.Pass problems) throws IOException {
        Path file = layout.eventsFile(sessionId);
        Files.createDirectories(file.getParent());
        return JvmFileLocks.with(file, () -> {
            // READ and APPEND cannot share a channel: one appends, the other reads the index's view of the file
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                 FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                out.lock(); // released when the channel closes
                return appendLocked(sessionId, file, in, out, events, problems);
            }
        });
    }

    private int appendLocked(String sessionId, Path file, FileChannel in, FileChannel out, List<MonitorEvent> events,
                             ProblemReporter.Pass problems) throws IOException {
        repairInterruptedWrite(sessionId, file, in, problems);
        SessionIndexes.Refreshed state = indexes.refresh(sessionId, file, in, problems);
        if (endsWithoutLineFeedForGood(in)) {
            out.write(ByteBuffer.wrap(new byte[] {LF}));
            problems.report(file, state.index().nextLine(), sessionId,
                    "the last line had no line feed (cut short by a crash?); a line feed was added before appending",
                    new byte[0]);
            state = indexes.refresh(sessionId, file, in, problems);
        }
        SessionIndex index = state.index();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        List<PendingLine> pending = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (MonitorEvent e : events) {
            if (!ids.add(e.id()) || indexes.containsId(index, e.id(), file, sessionId, in, problems)) {
                continue;
            }
            int start = batch.size();
            batch.write(MonitorJson.toLine(e));
            batch.write(LF);
            pending.add(new PendingLine(start, batch.size(), e.timestamp(), IdHash.of(e.id())));
        }
        if (pending.isEmpty()) {
            return 0;
        }
        long before = in.size();
        byte[] bytes = batch.toByteArray();
        Path journal = layout.appendJournal(sessionId);
        AppendJournal.record(journal, before, bytes, 0, bytes.length);
        int written = out.write(ByteBuffer.wrap(bytes));
        if (written == bytes.length && before == index.indexedEnd() && in.size() == before + bytes.length) {
            // nothing else was appended meanwhile: our lines start where the file ended
            AppendJournal.clear(journal);
            indexes.appended(sessionId, index, indexedLines(pending, before, index.nextLine()), in);
            return pending.size();
        }
        if (written < bytes.length) {
            writeRestAfterShortWrite(file, journal, in, out, bytes, written, pending);
        }
        AppendJournal.clear(journal);
        // foreign lines landed before or after ours: index the file as it now is
        indexes.refresh(sessionId, file, in, problems);
        return pending.size();
    }

    /**
     * After a write that stored only {@code written} bytes (a full disk): removes the cut-short line while it is
     * still the last thing in the file, and writes the lines after it as one new write; throws when that fails.
     */
    private static void writeRestAfterShortWrite(Path file, Path journal, FileChannel in, FileChannel out,
                                                 byte[] bytes, int written, List<PendingLine> pending)
            throws IOException {
        int done = written;
        int lastStart = written;
        boolean retried = false;
        while (done < bytes.length) {
            int lineStart = startOfLineAt(pending, done);
            if (done > lineStart) {
                cutFragment(file, in, out, bytes, lineStart, done - lineStart);
            }
            if (retried && lineStart == lastStart) {
                // the retry did not get one more whole line in: the disk is full
                throw new IOException("only " + countWholeLines(pending, lineStart) + " of " + pending.size()
                        + " lines were written (the file system accepts no more bytes)");
            }
            lastStart = lineStart;
            retried = true;
            try {
                AppendJournal.record(journal, in.size(), bytes, lineStart, bytes.length - lineStart);
                done = lineStart + out.write(ByteBuffer.wrap(bytes, lineStart, bytes.length - lineStart));
            } catch (IOException e) {
                throw new IOException("only " + countWholeLines(pending, lineStart) + " of " + pending.size()
                        + " lines were written (" + e.getMessage() + ")", e);
            }
        }
    }

    /**
     * Repairs the interrupted writes of earlier processes, each under its file's locks: what every note left in
     * {@code .index/} proves (see the class comment).
     */
    void repairInterruptedWrites(ProblemReporter.Pass problems) throws IOException {
        List<Path> journals;
        try (Stream<Path> files = Files.list(layout.indexDir())) {
            journals = files.filter(f -> f.getFileName().toString().endsWith(StoreLayout.APPEND_JOURNAL)).toList();
        } catch (NoSuchFileException | NotDirectoryException none) {
            return;
        }
        for (Path journal : journals) {
            String name = journal.getFileName().toString();
            String sessionId = name.substring(0, name.length() - StoreLayout.APPEND_JOURNAL.length());
            Path file = layout.eventsFile(sessionId);
            if (!SafeSessionId.canRead(sessionId) || !Files.isRegularFile(file)) {
                AppendJournal.clear(journal);
                continue;
            }
            JvmFileLocks.with(file, () -> {
                try (FileChannel out = FileChannel.open(file, StandardOpenOption.APPEND);
                     FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                    out.lock();
                    repairInterruptedWrite(sessionId, file, in, problems);
                }
                return null;
            });
        }
    }

    /** Blanks the cut-short last line the session's left-behind note proves ours, if any; the caller holds the locks. */
    private void repairInterruptedWrite(String sessionId, Path file, FileChannel in, ProblemReporter.Pass problems)
            throws IOException {
        Path journal = layout.appendJournal(sessionId);
        Optional<AppendJournal.Entry> note = AppendJournal.read(journal);
        if (note.isEmpty()) {
            AppendJournal.clear(journal); // none, or one whose write never started
            return;
        }
        long size = in.size();
        Line cut = size > note.get().fileEnd() && endsWithoutLineFeed(in, size)
                ? ownCutLine(in, note.get(), size) : null;
        if (cut != null) {
            blank(file, cut.start(), size);
            problems.report(file, LineReader.numberOfLineAt(in, cut.start()), sessionId,
                    "the last line was cut short by an interrupted write of this store (" + cut.raw().length
                            + " of the write's " + note.get().length() + " bytes were written); it was blanked "
                            + "before the next write and its events are written again by whoever saves them",
                    cut.raw());
        }
        AppendJournal.clear(journal);
    }

    /**
     * The cut-short last line of the file when it lies within the noted write: the write's first bytes start a line
     * at or after the noted end, and fewer bytes than the write holds follow that line's start.
     */
    private static Line ownCutLine(FileChannel in, AppendJournal.Entry note, long size) throws IOException {
        LineReader lines = new LineReader(in, note.fileEnd(), size, 0);
        long writeStart = -1;
        Line last = null;
        for (Line line = lines.next(); line != null; line = lines.next()) {
            if (writeStart < 0 && beginsWith(line, note.head())) {
                writeStart = line.start();
            }
            last = line;
        }
        boolean ours = last != null && !last.terminated() && writeStart >= 0 && last.start() >= writeStart
                && size - writeStart < note.length();
        return ours ? last : null;
    }

    /** Whether the line (and its line feed) is where bytes starting with {@code head} were written. */
    private static boolean beginsWith(Line line, byte[] head) {
        byte[] raw = line.raw();
        int n = Math.min(raw.length, head.length);
        if (!Arrays.equals(raw, 0, n, head, 0, n)) {
            return false;
        }
        return n == head.length || !line.terminated() || head[n] == LF;
    }

    /** Overwrites {@code [from, to)} in place with spaces ending in a line feed. */
    private static void blank(Path file, long from, long to) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] spaces = new byte[(int) Math.min(64 * 1024, to - from)];
            Arrays.fill(spaces, (byte) ' ');
            for (long at = from; at < to - 1; ) {
                ByteBuffer chunk = ByteBuffer.wrap(spaces, 0, (int) Math.min(spaces.length, to - 1 - at));
                at += channel.write(chunk, at);
            }
            channel.write(ByteBuffer.wrap(new byte[] {LF}), to - 1);
        }
    }

    private static void cutFragment(Path file, FileChannel in, FileChannel out, byte[] bytes, int from, int length)
            throws IOException {
        long size = in.size();
        ByteBuffer tail = ByteBuffer.allocate(length);
        while (tail.hasRemaining() && in.read(tail, size - length + tail.position()) > 0) {
            // read the last bytes of the file
        }
        if (size < length || !tail.flip().equals(ByteBuffer.wrap(bytes, from, length))) {
            throw new IOException("a write was cut short and another writer appended after it, so its cut-short "
                    + "line could not be removed from " + file);
        }
        // upstream may append between the check and the cut only in the microseconds between two system calls
        out.truncate(size - length);
    }

    private static int startOfLineAt(List<PendingLine> lines, int offset) {
        for (PendingLine l : lines) {
            if (offset < l.end()) {
                return l.start();
            }
        }
        return offset;
    }

    private static long countWholeLines(List<PendingLine> lines, int before) {
        return lines.stream().filter(l -> l.end() <= before).count();
    }

    private static List<IndexedLine> indexedLines(List<PendingLine> pending, long base, long firstNumber) {
        List<IndexedLine> lines = new ArrayList<>(pending.size());
        long number = firstNumber;
        for (PendingLine p : pending) {
            lines.add(new IndexedLine(base + p.start(), base + p.end(), number++, IndexedLine.Kind.EVENT,
                    p.timestamp(), p.idHash()));
        }
        return lines;
    }

    /**
     * Whether the file ends without a line feed and stays so. Upstream writes a line in one {@code write()}, yet a
     * reader can see the file grow page by page while that write is in progress: a missing line feed is a crash's
     * leftover only when the file stops changing. (Should upstream start a line just after this check, the kernel
     * orders our line feed after it, which leaves a blank line, skipped by reads, never a broken one.)
     */
    private static boolean endsWithoutLineFeedForGood(FileChannel in) throws IOException {
        long size = in.size();
        if (!endsWithoutLineFeed(in, size)) {
            return false;
        }
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(SETTLE_NANOS / 100);
            long now = in.size();
            if (now != size) {
                if (!endsWithoutLineFeed(in, now)) {
                    return false;
                }
                size = now;
                deadline = System.nanoTime() + SETTLE_NANOS; // still being written: wait until it settles
            }
        }
        return true;
    }

    private static boolean endsWithoutLineFeed(FileChannel in, long size) throws IOException {
        if (size == 0) {
            return false;
        }
        ByteBuffer one = ByteBuffer.allocate(1);
        in.read(one, size - 1);
        return one.get(0) != LF;
    }

    /** A line of the batch, by its offsets in the batch. */
    private record PendingLine(int start, int end, long timestamp, long idHash) {
    }
}
