package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.log.EventLog;
import io.contextuate.monitor.spi.log.LogPosition;
import io.contextuate.monitor.spi.log.LogRead;
import io.contextuate.monitor.spi.log.LogSession;
import io.contextuate.monitor.spi.log.RecordRead;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How far a sync of one source into one target is behind, as {@code sync status} shows it, read from the state
 * folder and the source as they are now (the sync need not be running).
 *
 * @param source         the source directory
 * @param target         the target store
 * @param sessionsBehind sessions whose record or events the target does not have yet
 * @param linesBehind    lines of events files not carried yet
 * @param lagSeconds     seconds since the target was last up to date with the source, 0 when it is now
 * @param running        whether the process that last wrote the status still runs
 * @param lastError      the last error the sync met, or {@code null}
 * @param stateDir       the state folder
 */
public record SyncStatus(String source, String target, long sessionsBehind, long linesBehind, long lagSeconds,
                         boolean running, String lastError, Path stateDir) {

    private static final int COUNT_CHUNK = 10_000;

    /** The status of every source and target pair in the state folder. */
    public static List<SyncStatus> read(Path stateRoot) {
        List<SyncStatus> all = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(stateRoot, Files::isDirectory)) {
            for (Path dir : dirs) {
                SyncFolder folder = new SyncFolder(dir);
                JsonNode pair = AtomicJsonFile.read(folder.pairFile()).orElse(null);
                if (pair != null) {
                    all.add(of(folder, pair.path("source").asText(), pair.path("target").asText()));
                }
            }
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sync state in " + stateRoot + ": " + e.getMessage(), e);
        }
        all.sort(java.util.Comparator.comparing(SyncStatus::source).thenComparing(SyncStatus::target));
        return all;
    }

    private static SyncStatus of(SyncFolder folder, String source, String target) {
        JsonNode status = AtomicJsonFile.read(folder.statusFile()).orElse(MonitorJson.newObject());
        SyncPositions positions = SyncPositions.open(folder.positionsFile());
        CarriedRecords carried = CarriedRecords.open(folder.carriedFile());
        long sessions = 0;
        long lines = 0;
        String error = status.path("lastError").isTextual() ? status.path("lastError").textValue() : null;
        try (MonitorStore store = MonitorPersistence.openForReading(MonitorConfig.forStore(Path.of(source)),
                ReadProblemListener.NONE)) {
            EventLog log = store.eventLog().orElseThrow();
            for (LogSession s : log.scan()) {
                long behind = s.events() == null ? 0 : linesAfter(log, s.sessionId(),
                        positions.get(s.sessionId()).orElse(LogPosition.START));
                boolean recordBehind = false;
                if (s.record() != null) {
                    RecordRead r = log.readRecord(s.sessionId());
                    recordBehind = r.record() != null && !carried.unchanged(r.record());
                }
                lines += behind;
                if (behind > 0 || recordBehind) {
                    sessions++;
                }
            }
        } catch (RuntimeException e) {
            error = "cannot read the source now: " + e.getMessage();
        }
        long now = System.currentTimeMillis();
        long caughtUp = status.path("caughtUpAt").asLong(0);
        long lag = sessions == 0 ? 0 : caughtUp == 0 ? -1 : Math.max(0, (now - caughtUp) / 1000);
        boolean running = status.has("pid") && ProcessHandle.of(status.path("pid").asLong())
                .map(ProcessHandle::isAlive).orElse(false) && isLocked(folder);
        return new SyncStatus(source, target, sessions, lines, lag, running, error, folder.dir());
    }

    private static boolean isLocked(SyncFolder folder) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(folder.dir().resolve("lock"),
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock lock = ch.tryLock();
            if (lock != null) {
                lock.release();
                return false;
            }
            return true;
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return e instanceof java.nio.channels.OverlappingFileLockException;
        }
    }

    private static long linesAfter(EventLog log, String sessionId, LogPosition from) {
        long lines = 0;
        LogPosition at = from;
        while (true) {
            LogRead r = log.read(sessionId, at, COUNT_CHUNK, false);
            lines += r.linesRead(at);
            if (!r.more()) {
                return lines;
            }
            at = r.next();
        }
    }

    /** As JSON, for {@code sync status --json}. */
    public ObjectNode toJson() {
        ObjectNode o = MonitorJson.newObject();
        o.put("source", source);
        o.put("target", target);
        o.put("sessionsBehind", sessionsBehind);
        o.put("linesBehind", linesBehind);
        if (lagSeconds >= 0) {
            o.put("lagSeconds", lagSeconds);
        } else {
            o.putNull("lagSeconds");
        }
        o.put("running", running);
        if (lastError != null) {
            o.put("lastError", lastError);
        }
        o.put("stateDir", stateDir.toString());
        return o;
    }
}
