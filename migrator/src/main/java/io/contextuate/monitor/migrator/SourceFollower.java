package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.RetryPolicy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.NotFoundException;
import io.contextuate.monitor.spi.ReadProblem;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.log.EventLog;
import io.contextuate.monitor.spi.log.FileVersion;
import io.contextuate.monitor.spi.log.LogPosition;
import io.contextuate.monitor.spi.log.LogRead;
import io.contextuate.monitor.spi.log.LogSession;
import io.contextuate.monitor.spi.log.RecordRead;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Carries one source's {@link EventLog} into the target, one pass at a time: deletions, then the session records
 * that changed since they were last carried (parents first), then the lines appended since the saved positions,
 * through the migrator's batch path. Positions and the ledger of carried records are saved only after the target
 * confirmed what comes before them. Used from one thread.
 */
final class SourceFollower {

    private static final Logger LOG = LoggerFactory.getLogger(SourceFollower.class);

    private final String sourceName;
    private final MonitorStore source;
    private final EventLog log;
    private final MonitorStore target;
    private final SyncOptions options;
    private final SyncFolder folder;
    private final RejectsFolder rejects;
    private final RunTally tally;
    private final Retrier retrier;
    private final SessionCopier sessions;
    private final EventBatcher batcher;
    private final SyncPositions positions;
    private final CarriedRecords carried;

    /** The versions of the record files handled (carried, unchanged, or rejected), in memory only. */
    private final Map<String, FileVersion> recordsSeen = new HashMap<>();
    /** The versions of the events files read to their end and confirmed. */
    private final Map<String, FileVersion> eventsSeen = new HashMap<>();
    /** Since when (ms) a record file has been unreadable. */
    private final Map<String, Long> brokenSince = new HashMap<>();
    /** When (ms) an unfinished last line will have waited long enough. */
    private final Map<String, Long> unfinishedDue = new HashMap<>();
    /** Sessions with lines left by a pass that reached its limit. */
    private final Set<String> more = new HashSet<>();
    /** Sessions without a record in the source whose events moved in this pass. */
    private final Set<String> withoutRecord = new HashSet<>();

    private long deleted;
    private boolean sawEmptyListing;
    private volatile long caughtUpAt;
    private volatile String lastError;
    private volatile long lastErrorAt;

    SourceFollower(String sourceName, MonitorStore source, EventLog log, MonitorStore target, SyncOptions options, SyncFolder folder,
                   RetryPolicy retry, java.util.function.BooleanSupplier stopRequested) {
        this.sourceName = sourceName;
        this.source = source;
        this.log = log;
        this.target = target;
        this.options = options;
        this.folder = folder;
        this.rejects = new RejectsFolder(options.rejectsDir() != null ? options.rejectsDir() : folder.rejectsDir());
        this.tally = new RunTally(new MigrationListener() {
            @Override
            public void rejected(Reject reject) {
                LOG.warn("{}: kept in the rejects folder {}: {}", sourceName, rejects.dir(), reject.describe());
            }
        }, rejects, 0);
        this.retrier = new Retrier(retry, new MigrationListener() {
            @Override
            public void retrying(RetryPolicy.Wait wait) {
                waiting(wait);
            }
        }, target.describe(), stopRequested);
        this.carried = CarriedRecords.open(folder.carriedFile());
        this.positions = SyncPositions.open(folder.positionsFile());
        this.sessions = new SessionCopier(null, target, false, retrier, tally, carried);
        this.batcher = EventBatcher.saving(target, retrier, this::refused, options.batchEvents(), options.batchBytes());
    }

    /**
     * One pass over the source.
     *
     * @return whether work is left that the pass's limit kept for the next pass
     */
    boolean pass() {
        long now = System.currentTimeMillis();
        Map<String, LogSession> present = new LinkedHashMap<>();
        for (LogSession s : log.scan()) {
            present.put(s.sessionId(), s);
        }
        carryDeletions(present);
        carryRecords(present, now);
        boolean left = carryEvents(present, now);
        carried.save();
        if (!left && unfinishedDue.isEmpty() && brokenSince.isEmpty()) {
            caughtUpAt = System.currentTimeMillis();
        }
        lastError = null; // a pass that ended well ends the trouble `sync status` reports
        writeStatus();
        return left;
    }

    /** The earliest moment (ms) a timer of this source is due: a broken record to read again, a line's wait. */
    long nextDue() {
        long due = Long.MAX_VALUE;
        long retry = Math.max(50, Math.min(500, options.brokenRecordWait().toMillis() / 4));
        for (long since : brokenSince.values()) {
            due = Math.min(due, since + Math.min(retry, options.brokenRecordWait().toMillis()));
        }
        for (long at : unfinishedDue.values()) {
            due = Math.min(due, at);
        }
        return due;
    }

    /** Whether a record is waiting to be read again (a one-shot sync waits for those, not for unfinished lines). */
    boolean recordsPending() {
        return !brokenSince.isEmpty();
    }

    /** The target is being waited for: `sync status` says so while the wait lasts, not only after it. */
    private void waiting(RetryPolicy.Wait wait) {
        if (wait.failures() == 1 || lastError == null) {
            failed(wait.cause());
        }
    }

    void failed(RuntimeException e) {
        lastError = e.getMessage();
        lastErrorAt = System.currentTimeMillis();
        writeStatus();
    }

    SyncSummary.Source summary() {
        return new SyncSummary.Source(sourceName, tally.sessionCounts().written(), batcher.written(), batcher.present(),
                deleted, rejects.countThisRun(), rejects.dir().toString(), lastError);
    }

    // ------------------------------------------------------------------ deletions

    private void carryDeletions(Map<String, LogSession> present) {
        Set<String> known = new HashSet<>(positions.sessionIds());
        known.addAll(carried.sessionIds());
        known.addAll(recordsSeen.keySet());
        // A source that lists no session at all where it had some is taken for a directory gone (unmounted, moved,
        // being restored), not for every session deleted: nothing is deleted or forgotten until it lists one again.
        if (present.isEmpty() && !known.isEmpty()) {
            if (!sawEmptyListing) {
                sawEmptyListing = true;
                LOG.warn("{} lists no session any more where it had {}; while it stays empty nothing is deleted in {}"
                        + " or forgotten (an unmounted or moved directory?)", sourceName, known.size(),
                        target.describe());
            }
            return;
        }
        sawEmptyListing = false;
        for (String id : known) {
            if (present.containsKey(id)) {
                continue;
            }
            if (options.propagateDeletes()) {
                boolean removed = retrier.call(() -> {
                    try {
                        target.deleteSession(id);
                        return true;
                    } catch (NotFoundException gone) {
                        return false;
                    }
                });
                if (removed) {
                    deleted++;
                    LOG.info("session {} was deleted in {}; deleted it in {}", id, sourceName, target.describe());
                }
            } else {
                LOG.info("session {} was deleted in {}; {} keeps it", id, sourceName, target.describe());
            }
            positions.forget(id);
            carried.forget(id);
            forgetInMemory(id);
        }
        positions.save();
    }

    private void forgetInMemory(String id) {
        recordsSeen.remove(id);
        eventsSeen.remove(id);
        brokenSince.remove(id);
        unfinishedDue.remove(id);
        more.remove(id);
    }

    // ------------------------------------------------------------------ records

    private void carryRecords(Map<String, LogSession> present, long now) {
        Map<String, SessionMeta> changed = new LinkedHashMap<>();
        Map<String, FileVersion> versions = new HashMap<>();
        SessionOrder order = new SessionOrder();
        for (LogSession s : present.values()) {
            String id = s.sessionId();
            if (s.record() == null) {
                recordsSeen.remove(id);
                brokenSince.remove(id);
                continue;
            }
            if (s.record().equals(recordsSeen.get(id)) && !brokenSince.containsKey(id)) {
                continue;
            }
            RecordRead read = log.readRecord(id);
            if (read.broken()) {
                long since = brokenSince.computeIfAbsent(id, k -> now);
                if (now - since >= options.brokenRecordWait().toMillis()) {
                    reject(read.problem(), Reject.RecordType.SESSION);
                    brokenSince.remove(id);
                    recordsSeen.put(id, read.version()); // rejected until it changes again
                }
                continue;
            }
            brokenSince.remove(id);
            if (read.record() == null) {
                continue; // gone between the scan and the read
            }
            SessionMeta meta = read.record();
            if (carried.unchanged(meta)) {
                recordsSeen.put(id, read.version());
                continue;
            }
            changed.put(id, meta);
            versions.put(id, read.version());
            order.add(id, meta.parentSessionId());
        }
        for (String id : order.parentsFirst()) {
            sessions.save(changed.get(id), "");
            recordsSeen.put(id, versions.get(id));
        }
    }

    // ------------------------------------------------------------------ events

    private boolean carryEvents(Map<String, LogSession> present, long now) {
        int budget = options.batchEvents();
        Map<String, LogPosition> advanced = new HashMap<>();
        Map<String, FileVersion> readToEnd = new HashMap<>();
        boolean left = false;
        for (LogSession s : present.values()) {
            String id = s.sessionId();
            if (s.events() == null) {
                continue;
            }
            Long due = unfinishedDue.get(id);
            boolean waited = due != null && now >= due;
            if (s.events().equals(eventsSeen.get(id)) && !more.contains(id) && !waited) {
                continue;
            }
            if (budget <= 0) {
                left = true;
                break;
            }
            LogPosition from = positions.get(id).orElse(LogPosition.START);
            LogRead read = log.read(id, from, budget, false);
            budget -= take(s, from, read);
            LogPosition next = read.next();
            if (!read.more() && read.unfinishedBytes() > 0
                    && read.idleMillis() >= options.partialLineTimeout().toMillis()) {
                LogRead rest = log.read(id, next, Math.max(1, budget), true);
                budget -= take(s, next, rest);
                next = rest.next();
                unfinishedDue.remove(id);
            } else if (read.unfinishedBytes() > 0) {
                unfinishedDue.put(id, now + Math.max(0, options.partialLineTimeout().toMillis() - read.idleMillis()));
            } else {
                unfinishedDue.remove(id);
            }
            advanced.put(id, next);
            if (read.more()) {
                more.add(id);
                left = true;
            } else {
                more.remove(id);
                readToEnd.put(id, s.events());
            }
        }
        batcher.flush();
        // the target confirmed every row read in this pass: the positions may move past them
        advanced.forEach(positions::advance);
        positions.save();
        eventsSeen.putAll(readToEnd);
        for (String id : withoutRecord) {
            reconstruct(id);
        }
        withoutRecord.clear();
        return left;
    }

    /** Queues a read's events, rejects its bad lines; returns how many events it held. */
    private int take(LogSession session, LogPosition from, LogRead read) {
        if (read.restarted()) {
            LOG.info("{} in {} was replaced or rewritten; reading it again from its start (what the target holds "
                    + "stays, repeated events add no copy)", session.sessionId(), sourceName);
        }
        if (session.record() == null && !read.events().isEmpty()) {
            withoutRecord.add(session.sessionId());
        }
        for (MonitorEvent e : read.events()) {
            batcher.add(e, EventSize.of(e));
        }
        for (ReadProblem p : read.problems()) {
            reject(p, Reject.RecordType.EVENT);
        }
        return read.events().size();
    }

    /**
     * Gives a session without a record in the source one made from all its events, as the migrator does, unless the
     * target holds a record this sync did not make (a real one is never replaced).
     */
    private void reconstruct(String sessionId) {
        Optional<SessionMeta> held = retrier.call(() -> target.getSession(sessionId));
        if (held.isPresent() && !carried.unchanged(held.get())) {
            return;
        }
        SessionReconstruction r = new SessionReconstruction();
        try (Stream<MonitorEvent> events = source.streamEvents(sessionId)) {
            events.forEach(r::accept);
        }
        Optional<SessionMeta> rebuilt = r.result();
        if (rebuilt.isPresent() && !carried.unchanged(rebuilt.get()) && sessions.save(rebuilt.get(),
                " (reconstructed from the events of session " + sessionId + ")")) {
            LOG.info("session {} in {} has no record; made one from its events", sessionId, sourceName);
        }
    }

    private void reject(ReadProblem p, Reject.RecordType type) {
        tally.reject(Reject.unreadable(p, type));
    }

    private void refused(MonitorEvent e, InvalidRecordException why) {
        tally.reject(Reject.refusedEvent(target.describe(), e, why.getMessage()));
    }

    // ------------------------------------------------------------------ status

    private void writeStatus() {
        ObjectNode s = MonitorJson.newObject();
        s.put("source", sourceName);
        s.put("target", target.describe());
        s.put("pid", ProcessHandle.current().pid());
        s.put("updatedAt", System.currentTimeMillis());
        if (caughtUpAt > 0) {
            s.put("caughtUpAt", caughtUpAt);
        }
        if (lastError != null) {
            s.put("lastError", lastError);
            s.put("lastErrorAt", lastErrorAt);
        }
        s.put("sessionsWritten", tally.sessionCounts().written());
        s.put("eventsWritten", batcher.written());
        s.put("rejected", rejects.countThisRun());
        AtomicJsonFile.write(folder.statusFile(), s, false);
    }
}
