package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.RetryPolicy;

import java.nio.file.Path;

/**
 * How a migration runs.
 *
 * @param batchEvents     the most events saved in one call to the target
 * @param batchBytes      the most bytes (of the events' compact JSON) saved in one call; a larger single event goes
 *                        alone
 * @param rejectsDir      where records that cannot be read or stored are kept; {@code null}: a folder under the
 *                        work directory for this source and target
 * @param checkpointFile  where progress is recorded; {@code null}: beside the rejects
 * @param maxRejects      stop (resumably) once this many records were rejected; 0: never stop for rejects
 * @param dryRun          read and validate everything, write nothing
 * @param verify          compare source and target record by record at the end
 * @param retry           how long an unavailable target is waited for (one budget per streak of failures)
 * @param rebuildRecords  give a session that has events but no record in the source one rebuilt from its events
 *                        (unless the target holds one); {@code false}: carry such a session as it is, events only
 */
public record MigrationOptions(int batchEvents, long batchBytes, Path rejectsDir, Path checkpointFile,
                               long maxRejects, boolean dryRun, boolean verify, RetryPolicy retry,
                               boolean rebuildRecords) {

    /** 1000 events. */
    public static final int DEFAULT_BATCH_EVENTS = 1000;
    /** 8 MiB. */
    public static final long DEFAULT_BATCH_BYTES = 8L * 1024 * 1024;

    public MigrationOptions {
        if (batchEvents < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, was " + batchEvents);
        }
        if (batchBytes < 1) {
            throw new IllegalArgumentException("the batch byte limit must be at least 1, was " + batchBytes);
        }
        if (maxRejects < 0) {
            throw new IllegalArgumentException("max rejects must not be negative, was " + maxRejects);
        }
        retry = retry == null ? RetryPolicy.defaults() : retry;
    }

    /**
     * Batches of 1000 events or 8 MiB, default folders, no reject limit, writing, verifying, waiting about a minute
     * for an unavailable target ({@link RetryPolicy#defaults()}), records rebuilt.
     */
    public static MigrationOptions defaults() {
        return new MigrationOptions(DEFAULT_BATCH_EVENTS, DEFAULT_BATCH_BYTES, null, null, 0, false, true,
                RetryPolicy.defaults(), true);
    }

    public MigrationOptions withBatchEvents(int n) {
        return new MigrationOptions(n, batchBytes, rejectsDir, checkpointFile, maxRejects, dryRun, verify,
                retry, rebuildRecords);
    }

    public MigrationOptions withBatchBytes(long n) {
        return new MigrationOptions(batchEvents, n, rejectsDir, checkpointFile, maxRejects, dryRun, verify,
                retry, rebuildRecords);
    }

    public MigrationOptions withRejectsDir(Path dir) {
        return new MigrationOptions(batchEvents, batchBytes, dir, checkpointFile, maxRejects, dryRun, verify,
                retry, rebuildRecords);
    }

    public MigrationOptions withCheckpointFile(Path file) {
        return new MigrationOptions(batchEvents, batchBytes, rejectsDir, file, maxRejects, dryRun, verify,
                retry, rebuildRecords);
    }

    public MigrationOptions withMaxRejects(long n) {
        return new MigrationOptions(batchEvents, batchBytes, rejectsDir, checkpointFile, n, dryRun, verify,
                retry, rebuildRecords);
    }

    public MigrationOptions withDryRun(boolean on) {
        return new MigrationOptions(batchEvents, batchBytes, rejectsDir, checkpointFile, maxRejects, on, verify,
                retry, rebuildRecords);
    }

    public MigrationOptions withVerify(boolean on) {
        return new MigrationOptions(batchEvents, batchBytes, rejectsDir, checkpointFile, maxRejects, dryRun, on,
                retry, rebuildRecords);
    }

    public MigrationOptions withRetry(RetryPolicy policy) {
        return new MigrationOptions(batchEvents, batchBytes, rejectsDir, checkpointFile, maxRejects, dryRun, verify,
                policy, rebuildRecords);
    }

    public MigrationOptions withRebuildRecords(boolean on) {
        return new MigrationOptions(batchEvents, batchBytes, rejectsDir, checkpointFile, maxRejects, dryRun, verify,
                retry, on);
    }
}
