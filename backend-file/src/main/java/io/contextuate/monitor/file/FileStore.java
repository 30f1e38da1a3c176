package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.AccessMode;
import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.NotFoundException;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.StoreStats;
import io.contextuate.monitor.spi.StoreUnavailableException;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.log.EventLog;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionPatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The file store: upstream's layout under a base directory, shared with the upstream monitor.
 *
 * <h2>Files</h2>
 * {@code sessions/<sessionId>/meta.json} holds the session as {@code JSON.stringify(session, null, 2)}, replaced
 * atomically (temporary file in the same directory, then an atomic move). {@code sessions/<sessionId>/events.jsonl}
 * holds one compact event per line, appended in save order. Appends go to the end of the file as it is at that
 * moment (O_APPEND, never at an offset read earlier), a batch of whole lines in one write, so lines upstream appends
 * meanwhile (it takes no lock) are never overwritten and never land inside ours; this library's own writers also
 * take the file's JVM-wide lock and then an exclusive {@link FileLock}. A last line left without a line feed is
 * ended first (and reported); a write cut short by a full disk is removed again, so the file keeps whole lines. A
 * write cut short by the end of the process (killed, a crash) is repaired by the next writer, at its first append to
 * the file and when a store is opened for writing: each append first notes durably in
 * {@code .index/<sessionId>.append} where the file ended and how its write begins, and removes the note after the
 * write; a note left behind proves which cut-short last line is this store's, and that line is overwritten in place
 * with spaces and a line feed (a blank line, which reads skip) and reported with its bytes. Upstream's own cut-short
 * lines are never removed. Read-modify-writes of session records take a store-wide lock file,
 * {@code .index/meta.lock}. Session ids that are not one plain directory name are refused. {@code raw/},
 * {@code processed/} and {@code config.json} are not the store's records and are left alone.
 *
 * <h2>The index</h2>
 * An events file is in arrival order, not timestamp order, and may hold an id more than once (reads return the first
 * occurrence). So that reads need not parse the whole file, the store keeps for each events file a sidecar index in
 * {@code .index/<sessionId>.idx}, where upstream never looks. It divides the file's whole lines into blocks (at most
 * 256 lines or 1 MiB) and keeps per block its byte range, first line number, smallest and largest timestamp, which of
 * its lines repeat an earlier id, and a 64-bit hash of each event id. An index is trusted only when the file is at
 * least as long as the indexed prefix and a fingerprint of that prefix (its length, first and last 4 KiB) matches;
 * lines appended since (by upstream, another process, or this store) are parsed and added; an index that does not
 * fit, cannot be read or fails its checksum is rebuilt from the file. A last line without a line feed is never
 * indexed: each read parses it. Ids are deduplicated exactly: a hash hit is verified by reading the block it names.
 * <ul>
 *   <li>{@code getEvents}: blocks are read newest largest timestamp first, until the N newest admitted events are
 *       found and no unread block can hold a newer one; ties by timestamp keep file order.</li>
 *   <li>{@code getAllRecentEvents}: the same over the blocks of every session.</li>
 *   <li>{@code getEventById}: only blocks holding the id's hash are read.</li>
 *   <li>{@code streamEvents}: blocks in order of their smallest timestamp, each event handed out once no unread
 *       block can hold an earlier one; memory holds only blocks whose timestamp ranges overlap.</li>
 * </ul>
 * {@code streamEventsInSaveOrder} (what a copy reads) needs no index: it reads the file once, in file order,
 * telling repeated ids apart by their 64-bit hashes (each hit verified against the earlier line).
 * The index is written back after a rebuild, every 2048 new lines, and at {@link #close()}.
 *
 * <h2>Read-only</h2>
 * Opened {@link AccessMode#READ_ONLY} (a migration source, the command line's read commands), the store writes
 * nothing into its directory: no {@code .index/}, no lock file, no directory; it works on a read-only mount. Its
 * indexes then live in memory only (indexes already in {@code .index/} are used) and are extended like any other
 * when upstream appends behind its back. Its write operations throw {@link UnsupportedOperationException}.
 *
 * <h2>Damage</h2>
 * Lines that are not events (cut short, malformed, invalid UTF-8, JSON that is not an event) and unreadable
 * {@code meta.json} files are skipped, logged as warnings and reported to the {@link ReadProblemListener} with file
 * and line; everything else is read. A byte order mark at the start of a file and CRLF line ends are accepted. An
 * event whose {@code sessionId} is not the name of its folder is not an event of either session: every read (the
 * indexed ones and {@link #streamEventsInSaveOrder}) skips it and reports it at its line, with its bytes and the
 * reason {@code sessionId 'X' differs from its folder 'Y'}.
 *
 * <p>Thread-safe.
 */
public final class FileStore implements MonitorStore {

    private static final Comparator<SessionMeta> NEWEST_START_FIRST = Comparator
            .comparingLong(SessionMeta::startTime).reversed()
            .thenComparing(SessionMeta::sessionId);

    private final StoreLayout layout;
    private final AccessMode access;
    private final ProblemReporter reporter;
    private final SessionIndexes indexes;
    private final EventAppender appender;
    private final MetaFiles metas;

    private FileStore(Path baseDir, ReadProblemListener problems, AccessMode access) {
        this.layout = new StoreLayout(baseDir.toAbsolutePath().normalize());
        this.access = access == null ? AccessMode.READ_WRITE : access;
        this.reporter = new ProblemReporter(problems == null ? ReadProblemListener.NONE : problems);
        this.indexes = new SessionIndexes(layout, this.access == AccessMode.READ_WRITE);
        this.appender = new EventAppender(layout, indexes);
        this.metas = new MetaFiles(layout);
        if (this.access == AccessMode.READ_WRITE) {
            try {
                appender.repairInterruptedWrites(reporter.pass());
            } catch (IOException e) {
                throw unavailable("repair an interrupted write in", layout.baseDir(), e);
            }
        }
    }

    /**
     * Opens the store at a base directory (created on the first write) to be read and written.
     *
     * @param problems receives what reads skip; {@code null} for none
     */
    public static FileStore open(Path baseDir, ReadProblemListener problems) {
        return new FileStore(baseDir, problems, AccessMode.READ_WRITE);
    }

    /**
     * Opens the store at a base directory. Opened {@link AccessMode#READ_ONLY}, it creates and changes nothing in
     * the directory (no index, no lock file; a read-only mount works), keeps its indexes in memory only, and its
     * write operations throw {@link UnsupportedOperationException}.
     *
     * @param problems receives what reads skip; {@code null} for none
     */
    public static FileStore open(Path baseDir, ReadProblemListener problems, AccessMode access) {
        return new FileStore(baseDir, problems, access);
    }

    /** The base directory. */
    public Path baseDir() {
        return layout.baseDir();
    }

    // ------------------------------------------------------------------ events

    @Override
    public boolean saveEvent(MonitorEvent event) {
        requireWritable("saveEvent");
        return saveEvents(List.of(event)) == 1;
    }

    @Override
    public int saveEvents(List<MonitorEvent> events) {
        requireWritable("saveEvents");
        Map<String, List<MonitorEvent>> bySession = new LinkedHashMap<>();
        for (MonitorEvent e : events) {
            if (e.id().isEmpty()) {
                throw new InvalidRecordException(null, "id", "an event id must not be empty");
            }
            SafeSessionId.require(e.sessionId(), e.id(), "sessionId");
            bySession.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e);
        }
        ProblemReporter.Pass problems = reporter.pass();
        int saved = 0;
        for (Map.Entry<String, List<MonitorEvent>> session : bySession.entrySet()) {
            try {
                saved += appender.append(session.getKey(), session.getValue(), problems);
            } catch (IOException e) {
                throw unavailable("write events to", layout.eventsFile(session.getKey()), e);
            }
        }
        return saved;
    }

    @Override
    public List<MonitorEvent> getEvents(String sessionId, EventQuery query) {
        if (!SafeSessionId.canRead(sessionId)) {
            return List.of();
        }
        ProblemReporter.Pass problems = reporter.pass();
        try {
            return SessionEventReader.newest(indexes.snapshot(sessionId, problems), query, problems);
        } catch (IOException e) {
            throw unavailable("read", layout.eventsFile(sessionId), e);
        }
    }

    @Override
    public Optional<MonitorEvent> getEventById(String sessionId, String eventId) {
        if (!SafeSessionId.canRead(sessionId)) {
            return Optional.empty();
        }
        ProblemReporter.Pass problems = reporter.pass();
        try {
            return SessionEventReader.byId(indexes.snapshot(sessionId, problems), eventId, problems);
        } catch (IOException e) {
            throw unavailable("read", layout.eventsFile(sessionId), e);
        }
    }

    @Override
    public List<MonitorEvent> getAllRecentEvents(int limit) {
        if (limit < 1) {
            return List.of();
        }
        ProblemReporter.Pass problems = reporter.pass();
        List<IndexSnapshot> snapshots = new ArrayList<>();
        try (Stream<String> ids = streamEventSessionIds()) {
            for (Iterator<String> it = ids.iterator(); it.hasNext(); ) {
                snapshots.add(indexes.snapshot(it.next(), problems));
            }
            return RecentEventsReader.newest(snapshots, limit, problems);
        } catch (IOException e) {
            throw unavailable("read", layout.sessionsDir(), e);
        }
    }

    @Override
    public Stream<MonitorEvent> streamEvents(String sessionId) {
        if (!SafeSessionId.canRead(sessionId)) {
            return Stream.empty();
        }
        ProblemReporter.Pass problems = reporter.pass();
        IndexSnapshot snapshot;
        try {
            snapshot = indexes.snapshot(sessionId, problems);
        } catch (IOException e) {
            throw unavailable("read", layout.eventsFile(sessionId), e);
        }
        ChronologicalEventIterator events = new ChronologicalEventIterator(snapshot, problems);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED), false)
                .onClose(events::close);
    }

    /** In file order, one pass over the events file, without the index; see {@link SaveOrderEventIterator}. */
    @Override
    public Stream<MonitorEvent> streamEventsInSaveOrder(String sessionId) {
        if (!SafeSessionId.canRead(sessionId)) {
            return Stream.empty();
        }
        Path file = layout.eventsFile(sessionId);
        SaveOrderEventIterator events;
        try {
            events = SaveOrderEventIterator.open(file, sessionId, reporter.pass());
        } catch (IOException e) {
            throw unavailable("read", file, e);
        }
        if (events == null) {
            return Stream.empty();
        }
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED), false)
                .onClose(events::close);
    }

    @Override
    public Stream<String> streamEventSessionIds() {
        // an events file that cannot be read is listed too, so that reading it reports it
        return sessionDirectories(null).filter(id -> EventsFileAccess.present(layout.eventsFile(id)));
    }

    // ------------------------------------------------------------------ sessions

    @Override
    public void saveSession(SessionMeta session) {
        requireWritable("saveSession");
        SafeSessionId.require(session.sessionId(), session.sessionId(), "sessionId");
        underMetaLock(() -> {
            metas.write(session);
            return null;
        }, session.sessionId());
    }

    @Override
    public Optional<SessionMeta> getSession(String sessionId) {
        if (!SafeSessionId.canRead(sessionId)) {
            return Optional.empty();
        }
        return metas.read(sessionId, reporter.pass());
    }

    @Override
    public List<SessionMeta> getSessions(SessionQuery query) {
        try (Stream<SessionMeta> all = streamSessions()) {
            Stream<SessionMeta> s = all
                    .filter(m -> query.status() == null || query.status().equals(m.status()))
                    .sorted(NEWEST_START_FIRST);
            return (query.limit() == null ? s : s.limit(query.limit())).toList();
        }
    }

    @Override
    public SessionMeta updateSession(String sessionId, SessionPatch patch) {
        requireWritable("updateSession");
        SafeSessionId.require(sessionId, sessionId, "sessionId");
        return underMetaLock(() -> {
            SessionMeta current = metas.read(sessionId, reporter.pass())
                    .orElseThrow(() -> NotFoundException.session(sessionId));
            SessionMeta updated = MonitorJson.apply(current, patch);
            metas.write(sessionId, updated);
            return updated;
        }, sessionId);
    }

    @Override
    public void deleteSession(String sessionId) {
        requireWritable("deleteSession");
        SafeSessionId.require(sessionId, sessionId, "sessionId");
        underMetaLock(() -> {
            if (!Files.exists(layout.metaFile(sessionId)) && !Files.exists(layout.eventsFile(sessionId))) {
                throw NotFoundException.session(sessionId);
            }
            removeSessionFiles(sessionId);
            clearParentLinks(Set.of(sessionId));
            return null;
        }, sessionId);
    }

    @Override
    public int deleteAllSessions() {
        requireWritable("deleteAllSessions");
        return underMetaLock(() -> {
            int removed = 0;
            for (String id : sessionDirectoryList()) {
                if (Files.exists(layout.metaFile(id))) {
                    removed++;
                }
                removeSessionFiles(id);
            }
            try (DirectoryStream<Path> indexFiles = Files.newDirectoryStream(layout.indexDir(), "*.idx")) {
                for (Path stale : indexFiles) {
                    Files.deleteIfExists(stale); // also those of sessions upstream deleted
                }
            }
            indexes.forgetAll();
            return removed;
        }, null);
    }

    @Override
    public int pruneOldSessions(long cutoffMs) {
        requireWritable("pruneOldSessions");
        return underMetaLock(() -> {
            Set<String> pruned = new HashSet<>();
            try (Stream<SessionMeta> sessions = streamSessions()) {
                sessions.filter(s -> !s.pinned() && s.lastActivity() < cutoffMs)
                        .forEach(s -> pruned.add(s.sessionId()));
            }
            for (String id : pruned) {
                removeSessionFiles(id);
            }
            clearParentLinks(pruned);
            return pruned.size();
        }, null);
    }

    @Override
    public Stream<SessionMeta> streamSessions() {
        ProblemReporter.Pass problems = reporter.pass();
        return sessionDirectories(problems).flatMap(id -> metas.readListed(id, problems).stream());
    }

    // ------------------------------------------------------------------ store

    /** The files read as logs, as they grow: what a live sync follows. Writes nothing into the directory. */
    @Override
    public Optional<EventLog> eventLog() {
        return Optional.of(new FileEventLog(layout));
    }

    @Override
    public StoreStats stats() {
        long sessions;
        try (Stream<SessionMeta> s = streamSessions()) {
            sessions = s.count();
        }
        ProblemReporter.Pass problems = reporter.pass();
        long events = 0;
        try (Stream<String> ids = streamEventSessionIds()) {
            for (Iterator<String> it = ids.iterator(); it.hasNext(); ) {
                events += indexes.snapshot(it.next(), problems).eventCount();
            }
        } catch (IOException e) {
            throw unavailable("read", layout.sessionsDir(), e);
        }
        return new StoreStats(sessions, events);
    }

    /** The lines of every events file, without parsing one: a progress total, read in a fraction of a pass. */
    @Override
    public long approximateEventCount() {
        long lines = 0;
        try (Stream<String> ids = streamEventSessionIds()) {
            for (Iterator<String> it = ids.iterator(); it.hasNext(); ) {
                try (FileChannel channel = FileChannel.open(layout.eventsFile(it.next()), StandardOpenOption.READ)) {
                    lines += LineReader.numberOfLineAt(channel, channel.size()) - 1;
                } catch (IOException unreadable) {
                    // reported by the reads that meet it; a total for progress goes without it
                }
            }
        }
        return lines;
    }

    @Override
    public String describe() {
        return "file store at " + layout.baseDir();
    }

    @Override
    public void close() {
        if (access == AccessMode.READ_WRITE) {
            indexes.persistAll();
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    // ------------------------------------------------------------------ internals

    private void requireWritable(String operation) {
        if (access == AccessMode.READ_ONLY) {
            throw new UnsupportedOperationException(operation + " is not possible: the " + describe()
                    + " is open read-only");
        }
    }

    /** Work done under the store-wide lock for session records. */
    @FunctionalInterface
    private interface MetaWork<T> {
        T run() throws IOException;
    }

    private <T> T underMetaLock(MetaWork<T> work, String sessionId) {
        Path lockFile = layout.metaLockFile();
        try {
            Files.createDirectories(lockFile.getParent());
            return JvmFileLocks.with(lockFile, () -> {
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE)) {
                    channel.lock(); // released when the channel closes
                    return work.run();
                }
            });
        } catch (IOException e) {
            throw unavailable("update", sessionId == null ? layout.sessionsDir() : layout.sessionDir(sessionId), e);
        }
    }

    private void removeSessionFiles(String sessionId) throws IOException {
        JvmFileLocks.with(layout.eventsFile(sessionId), () -> {
            TreeDeletion.delete(layout.sessionDir(sessionId));
            Files.deleteIfExists(layout.indexFile(sessionId));
            indexes.forget(sessionId);
            return null;
        });
    }

    private void clearParentLinks(Set<String> removedParents) throws IOException {
        ProblemReporter.Pass problems = reporter.pass();
        for (String id : sessionDirectoryList()) {
            Optional<SessionMeta> child = metas.read(id, problems);
            if (child.isPresent() && child.get().parentSessionId() != null
                    && removedParents.contains(child.get().parentSessionId())) {
                metas.write(id, MonitorJson.apply(child.get(), SessionPatch.empty().remove("parentSessionId")));
            }
        }
    }

    private List<String> sessionDirectoryList() {
        try (Stream<String> ids = sessionDirectories(null)) {
            return ids.toList();
        }
    }

    /**
     * The names of the session directories in {@code sessions/}, lazily; close the stream. Entries that cannot be
     * sessions of this store (a directory whose name is not a usable session id, a symbolic link that leads nowhere)
     * are left out and reported to {@code problems} when it is given; plain files are not sessions, as upstream
     * treats them.
     */
    private Stream<String> sessionDirectories(ProblemReporter.Pass problems) {
        Path dir = layout.sessionsDir();
        DirectoryStream<Path> entries;
        try {
            entries = Files.newDirectoryStream(dir);
        } catch (NoSuchFileException e) {
            return Stream.empty();
        } catch (IOException e) {
            throw unavailable("list", dir, e);
        }
        return StreamSupport.stream(entries.spliterator(), false)
                .filter(p -> isSessionDirectory(p, problems))
                .map(p -> p.getFileName().toString())
                .onClose(() -> {
                    try {
                        entries.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static boolean isSessionDirectory(Path entry, ProblemReporter.Pass problems) {
        String name = entry.getFileName().toString();
        if (Files.isDirectory(entry)) {
            if (SafeSessionId.canRead(name)) {
                return true;
            }
            if (problems != null) {
                problems.report(entry, 0, name, "the folder's name cannot be a session id of this store (a session "
                        + "id " + SafeSessionId.problem(name) + "); its session record and events are left out",
                        new byte[0]);
            }
        } else if (problems != null && Files.isSymbolicLink(entry) && !Files.exists(entry)) {
            problems.report(entry, 0, name, "the entry is a symbolic link that leads nowhere (a loop, or a missing "
                    + "target); it is left out", new byte[0]);
        }
        return false;
    }

    private static StoreUnavailableException unavailable(String what, Path where, IOException e) {
        return new StoreUnavailableException("Could not " + what + " " + where + ": " + e
                + ". Check that the directory exists, is writable and the disk is not full.", e);
    }
}
