package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The state folder of one source synced into one target, {@code STATE/KEY/} with KEY derived from both names:
 * {@code pair.json} (which source and target), {@code positions.json} ({@link SyncPositions}), {@code carried.json}
 * ({@link CarriedRecords}), {@code status.json} (what {@code sync status} shows), {@code rejects/} and {@code lock}
 * (held while a sync runs, so two processes never follow the same pair).
 *
 * @param dir the folder
 */
record SyncFolder(Path dir) {

    static SyncFolder of(Path stateRoot, String source, String target) {
        return new SyncFolder(stateRoot.resolve(WorkFolders.key(source, target)));
    }

    Path pairFile() {
        return dir.resolve("pair.json");
    }

    Path positionsFile() {
        return dir.resolve("positions.json");
    }

    Path carriedFile() {
        return dir.resolve("carried.json");
    }

    Path statusFile() {
        return dir.resolve("status.json");
    }

    Path rejectsDir() {
        return dir.resolve("rejects");
    }

    /** Writes {@code pair.json}, naming the source and target this folder belongs to. */
    void describe(String source, String target) {
        ObjectNode pair = MonitorJson.newObject();
        pair.put("source", source);
        pair.put("target", target);
        AtomicJsonFile.write(pairFile(), pair, false);
    }

    /**
     * Takes the folder's lock for as long as the returned channel is open.
     *
     * @throws ConfigurationException when another process holds it
     */
    FileChannel lock(String source, String target) {
        try {
            java.nio.file.Files.createDirectories(dir);
            FileChannel ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                ch.close();
                throw new ConfigurationException("another sync from " + source + " to " + target
                        + " is running (it holds " + dir.resolve("lock") + "); stop it first");
            }
            return ch;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the sync state in " + dir + ": " + e.getMessage(), e);
        }
    }
}
