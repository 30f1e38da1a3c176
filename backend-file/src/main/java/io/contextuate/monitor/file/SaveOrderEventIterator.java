package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.StoreException;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Every event of one session in file order (save order), in one pass over its events file and without the index:
 * the first line of each event id is the event (a repeat is skipped, and reported when its content differs); lines
 * that are not events are reported as the indexed reads report them. Memory: the {@link SeenIds} of the file, 16
 * bytes a distinct id. The file is read up to its length when the pass starts; lines appended later are left for
 * the next read.
 */
final class SaveOrderEventIterator implements Iterator<MonitorEvent>, Closeable {

    private final FileChannel channel;
    private final Path file;
    private final String sessionId;
    private final ProblemReporter.Pass problems;
    private final long end;
    private final LineReader lines;
    private final SeenIds seen = new SeenIds();
    private MonitorEvent next;
    private boolean done;

    private SaveOrderEventIterator(FileChannel channel, Path file, String sessionId, ProblemReporter.Pass problems,
                                   long end) {
        this.channel = channel;
        this.file = file;
        this.sessionId = sessionId;
        this.problems = problems;
        this.end = end;
        this.lines = new LineReader(channel, 0, end, 1);
    }

    /** Starts a pass over the file; {@code null} when the session has no events file, or one it cannot read. */
    static SaveOrderEventIterator open(Path file, String sessionId, ProblemReporter.Pass problems)
            throws IOException {
        FileChannel channel = EventsFileAccess.open(file, sessionId, problems);
        if (channel == null) {
            return null;
        }
        try {
            // the length under the shared lock, so that no write of this library is half done at the end
            long end = JvmFileLocks.with(file, () -> {
                try (FileLock shared = channel.lock(0, Long.MAX_VALUE, true)) {
                    return channel.size();
                }
            });
            return new SaveOrderEventIterator(channel, file, sessionId, problems, end);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        try {
            while (next == null && !done) {
                Line line = lines.next();
                if (line == null) {
                    done = true;
                } else {
                    consider(line);
                }
            }
        } catch (IOException e) {
            throw new StoreException("Could not read " + file + ": " + e.getMessage(), e);
        }
        return next != null;
    }

    @Override
    public MonitorEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        MonitorEvent e = next;
        next = null;
        return e;
    }

    private void consider(Line line) throws IOException {
        ParsedLine parsed = ParsedLine.of(line, sessionId);
        if (parsed.isProblem()) {
            problems.report(file, line.number(), sessionId, line.terminated() ? parsed.problem()
                    : "the last line is cut short (no line feed) and is not an event: " + parsed.problem(),
                    line.raw());
            return;
        }
        if (!parsed.isEvent()) {
            return;
        }
        MonitorEvent event = parsed.event();
        long hash = IdHash.of(event.id());
        for (long offset : seen.offsetsOf(hash)) {
            Line first = new LineReader(channel, offset, end, 0).next();
            ParsedLine firstParsed = ParsedLine.of(first, sessionId);
            if (firstParsed.isEvent() && firstParsed.event().id().equals(event.id())) {
                if (!DuplicateLines.identical(first, firstParsed.event(), line, event)) {
                    problems.report(file, line.number(), sessionId,
                            DuplicateLines.conflictReason(event.id(), LineReader.numberOfLineAt(channel, offset),
                                    line.number()),
                            line.raw());
                }
                return;
            }
        }
        seen.add(hash, line.start());
        next = event;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
