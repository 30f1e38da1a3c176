package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.model.MonitorEvent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the index of each session's events file current: loads it from {@code .index/}, checks it still describes
 * the file, extends it over lines appended since (by this store, another process, or upstream), rebuilds it when it
 * does not fit, and writes it back now and then. The index only ever speeds reads up; every answer it gives about ids
 * is checked against the file.
 */
final class SessionIndexes {

    /** Write the index back once this many lines were added since it was last written. */
    private static final int PERSIST_EVERY = 2048;
    private static final int CACHED_SESSIONS = 128;

    private final StoreLayout layout;
    /**
     * Whether indexes are written to {@code .index/}. A read-only store keeps them in memory only (this cache), so
     * it writes nothing where the data lives; a cache directory elsewhere was not chosen because a read-only opener
     * is a short-lived command or a streaming copy, which needs no index at all, and a second place to invalidate
     * and clean up would buy little. Indexes found in {@code .index/} are still used.
     */
    private final boolean persist;
    private final Map<String, SessionIndex> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SessionIndex> eldest) {
            return size() > CACHED_SESSIONS;
        }
    };

    SessionIndexes(StoreLayout layout, boolean persist) {
        this.layout = layout;
        this.persist = persist;
    }

    /** The index and the unterminated last event of a file, as of a refresh. */
    record Refreshed(SessionIndex index, PositionedEvent tail, Path file, String sessionId) {

        IndexSnapshot snapshot() {
            return new IndexSnapshot(sessionId, file, index.blocks(),
                    index.eventCount() + (tail == null ? 0 : 1), tail);
        }
    }

    /** The current state of a session's events, for a read (takes the session's locks, shared across processes). */
    IndexSnapshot snapshot(String sessionId, ProblemReporter.Pass problems) throws IOException {
        Path file = layout.eventsFile(sessionId);
        FileChannel opened = EventsFileAccess.open(file, sessionId, problems);
        if (opened == null) {
            forget(sessionId);
            return IndexSnapshot.empty(sessionId, file);
        }
        // the channel closes (releasing its file lock) before the JVM lock is given up: a writer thread that takes
        // the JVM lock next must find no lock of this JVM on the file, or its own lock() overlaps
        return JvmFileLocks.with(file, () -> {
            try (FileChannel channel = opened) {
                channel.lock(0, Long.MAX_VALUE, true); // shared; released when the channel closes
                return refresh(sessionId, file, channel, problems).snapshot();
            }
        });
    }

    /** Brings the session's index up to the end of the file; the caller holds the session's locks. */
    Refreshed refresh(String sessionId, Path file, FileChannel channel, ProblemReporter.Pass problems)
            throws IOException {
        long size = channel.size();
        SessionIndex index = cached(sessionId);
        if (index == null) {
            index = IndexFile.read(layout.indexFile(sessionId)).orElse(null);
        }
        if (index != null && !(size >= index.indexedEnd()
                && IndexFingerprint.of(channel, index.indexedEnd()) == index.fingerprint())) {
            index = null;
        }
        boolean rebuilt = index == null;
        if (rebuilt) {
            index = new SessionIndex();
        }
        PositionedEvent tail = extend(sessionId, file, channel, index, size, problems);
        synchronized (cache) {
            cache.put(sessionId, index);
        }
        if (persist && (rebuilt || index.unpersistedLines() >= PERSIST_EVERY)) {
            IndexFile.write(layout.indexFile(sessionId), index);
        }
        return new Refreshed(index, tail, file, sessionId);
    }

    /** Records lines this store appended; the caller holds the session's locks. */
    void appended(String sessionId, SessionIndex index, List<IndexedLine> lines, FileChannel channel)
            throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        index.add(lines, IndexFingerprint.of(channel, lines.get(lines.size() - 1).end()));
        if (index.unpersistedLines() >= PERSIST_EVERY) {
            IndexFile.write(layout.indexFile(sessionId), index);
        }
    }

    /** Whether the indexed part of the file holds an event with this id (exact: hash hits are verified). */
    boolean containsId(SessionIndex index, String eventId, Path file, String sessionId, FileChannel channel,
                       ProblemReporter.Pass problems) throws IOException {
        return firstWithId(index, eventId, file, sessionId, channel, problems) != null;
    }

    /** The event with this id in the indexed part of the file, or {@code null} (hash hits are verified). */
    private static PositionedEvent firstWithId(SessionIndex index, String eventId, Path file, String sessionId,
                                               FileChannel channel, ProblemReporter.Pass problems)
            throws IOException {
        long hash = IdHash.of(eventId);
        if (!index.mayContain(hash)) {
            return null;
        }
        for (IndexBlock block : index.blocksWithHash(hash)) {
            for (PositionedEvent e : BlockReader.read(channel, file, sessionId, block, problems)) {
                if (e.event().id().equals(eventId)) {
                    return e;
                }
            }
        }
        return null;
    }

    /** Drops what is known about a session (its files are gone). */
    void forget(String sessionId) {
        synchronized (cache) {
            cache.remove(sessionId);
        }
    }

    /** Drops everything cached. */
    void forgetAll() {
        synchronized (cache) {
            cache.clear();
        }
    }

    /** Writes back every index with lines not yet written (at close). */
    void persistAll() {
        List<String> ids;
        synchronized (cache) {
            ids = new ArrayList<>(cache.keySet());
        }
        for (String id : ids) {
            try {
                JvmFileLocks.with(layout.eventsFile(id), () -> {
                    SessionIndex index = cached(id);
                    if (index != null && index.unpersistedLines() > 0
                            && Files.isRegularFile(layout.eventsFile(id))) {
                        IndexFile.write(layout.indexFile(id), index);
                    }
                    return null;
                });
            } catch (IOException ignored) {
                // the index is only a speed-up; the next open rebuilds or extends it
            }
        }
    }

    private SessionIndex cached(String sessionId) {
        synchronized (cache) {
            return cache.get(sessionId);
        }
    }

    private PositionedEvent extend(String sessionId, Path file, FileChannel channel, SessionIndex index, long size,
                                   ProblemReporter.Pass problems) throws IOException {
        if (size <= index.indexedEnd()) {
            return null;
        }
        List<IndexedLine> lines = new ArrayList<>();
        SeenIds seen = new SeenIds(); // the lines of this pass, not in the index yet
        Line[] unterminated = {null};
        LineReader.read(channel, index.indexedEnd(), size, index.nextLine(), line -> {
            if (!line.terminated()) {
                unterminated[0] = line;
                return;
            }
            ParsedLine parsed = ParsedLine.of(line, sessionId);
            if (parsed.isEvent()) {
                MonitorEvent event = parsed.event();
                long hash = IdHash.of(event.id());
                PositionedEvent first = firstInPass(seen, hash, event.id(), sessionId, channel, size);
                if (first == null) {
                    first = firstWithId(index, event.id(), file, sessionId, channel, problems);
                }
                if (first == null) {
                    seen.add(hash, line.start());
                } else if (!DuplicateLines.identical(first.event(), event)) {
                    long firstLine = first.line() > 0 ? first.line()
                            : LineReader.numberOfLineAt(channel, first.offset());
                    problems.report(file, line.number(), sessionId,
                            DuplicateLines.conflictReason(event.id(), firstLine, line.number()), line.raw());
                }
                lines.add(new IndexedLine(line.start(), line.end(), line.number(),
                        first == null ? IndexedLine.Kind.EVENT : IndexedLine.Kind.DUPLICATE,
                        event.timestamp(), hash));
            } else {
                if (parsed.isProblem()) {
                    problems.report(file, line.number(), sessionId, parsed.problem(), line.raw());
                }
                lines.add(new IndexedLine(line.start(), line.end(), line.number(), IndexedLine.Kind.OTHER, 0, 0));
            }
        });
        if (!lines.isEmpty()) {
            index.add(lines, IndexFingerprint.of(channel, lines.get(lines.size() - 1).end()));
        }
        return unterminated[0] == null ? null
                : tailEvent(sessionId, file, channel, index, unterminated[0], problems);
    }

    /**
     * The earlier line of this pass holding the id (its line number 0: unknown), or {@code null}; hash hits are
     * verified by reading it.
     */
    private static PositionedEvent firstInPass(SeenIds seen, long hash, String eventId, String sessionId,
                                               FileChannel channel, long size) throws IOException {
        for (long offset : seen.offsetsOf(hash)) {
            Line line = new LineReader(channel, offset, size, 0).next();
            ParsedLine parsed = ParsedLine.of(line, sessionId);
            if (parsed.isEvent() && parsed.event().id().equals(eventId)) {
                return new PositionedEvent(offset, 0, parsed.event());
            }
        }
        return null;
    }

    private PositionedEvent tailEvent(String sessionId, Path file, FileChannel channel, SessionIndex index,
                                      Line line, ProblemReporter.Pass problems) throws IOException {
        ParsedLine parsed = ParsedLine.of(line, sessionId);
        if (parsed.isProblem()) {
            problems.report(file, line.number(), sessionId,
                    "the last line is cut short (no line feed) and is not an event: " + parsed.problem(),
                    line.raw());
            return null;
        }
        if (!parsed.isEvent() || containsId(index, parsed.event().id(), file, sessionId, channel, problems)) {
            return null;
        }
        return new PositionedEvent(line.start(), line.number(), parsed.event());
    }
}
