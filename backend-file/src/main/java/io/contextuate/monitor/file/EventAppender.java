package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

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
        int written = out.write(ByteBuffer.wrap(bytes));
        if (written == bytes.length && before == index.indexedEnd() && in.size() == before + bytes.length) {
            // nothing else was appended meanwhile: our lines start where the file ended
            indexes.appended(sessionId, index, indexedLines(pending, before, index.nextLine()), in);
            return pending.size();
        }
        if (written < bytes.length) {
            writeRestAfterShortWrite(file, in, out, bytes, written, pending);
        }
        // foreign lines landed before or after ours: index the file as it now is
        indexes.refresh(sessionId, file, in, problems);
        return pending.size();
    }

    /**
     * After a write that stored only {@code written} bytes (a full disk): removes the cut-short line while it is
     * still the last thing in the file, and writes the lines after it as one new write; throws when that fails.
     */
    private static void writeRestAfterShortWrite(Path file, FileChannel in, FileChannel out, byte[] bytes,
                                                 int written, List<PendingLine> pending) throws IOException {
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
                done = lineStart + out.write(ByteBuffer.wrap(bytes, lineStart, bytes.length - lineStart));
            } catch (IOException e) {
                throw new IOException("only " + countWholeLines(pending, lineStart) + " of " + pending.size()
                        + " lines were written (" + e.getMessage() + ")", e);
            }
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
