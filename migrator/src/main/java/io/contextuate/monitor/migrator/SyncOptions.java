package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Sync} runs.
 *
 * @param stateDir           where positions, the ledger of carried records and the status are kept, one folder per
 *                           source and target; {@code null}: {@code ~/.contextuate/sync}
 * @param rejectsDir         where what cannot be read or stored is kept; {@code null}: {@code rejects/} in the
 *                           state folder of each source
 * @param propagateDeletes   whether a session deleted in the source is deleted in the target too (by default the
 *                           target keeps it: the database is the archive)
 * @param pollInterval       how often the source is looked at where change notifications do not work
 * @param partialLineTimeout how long a last line without its line feed waits (the file idle) before it is rejected
 * @param brokenRecordWait   how long a {@code meta.json} that is empty or does not parse is read again before it is
 *                           rejected (upstream rewrites it in place, so a reader can meet it half-written)
 * @param batchEvents        the most events saved in one call to the target
 * @param batchBytes         the most bytes of event JSON saved in one call
 * @param retry              how an unavailable target is retried without {@code --follow}; following, it is waited
 *                           for as long as the sync runs
 */
public record SyncOptions(Path stateDir, Path rejectsDir, boolean propagateDeletes, Duration pollInterval,
                          Duration partialLineTimeout, Duration brokenRecordWait, int batchEvents, long batchBytes,
                          RetryPolicy retry) {

    public SyncOptions {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(partialLineTimeout, "partialLineTimeout");
        Objects.requireNonNull(brokenRecordWait, "brokenRecordWait");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive, was " + pollInterval);
        }
        if (partialLineTimeout.isNegative() || brokenRecordWait.isNegative()) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
        if (batchEvents < 1 || batchBytes < 1) {
            throw new IllegalArgumentException("batch limits must be at least 1");
        }
        retry = retry == null ? RetryPolicy.defaults() : retry;
    }

    /**
     * Default folders, no deletions carried, polling every second where needed, unfinished lines rejected after a
     * minute of quiet, broken records after 5 s, batches of 1000 events or 8 MiB, default retries.
     */
    public static SyncOptions defaults() {
        return new SyncOptions(null, null, false, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(5),
                MigrationOptions.DEFAULT_BATCH_EVENTS, MigrationOptions.DEFAULT_BATCH_BYTES, RetryPolicy.defaults());
    }

    /** The state folder, the default filled in. */
    public Path stateRoot() {
        return stateDir != null ? stateDir : Path.of(System.getProperty("user.home"), ".contextuate", "sync");
    }

    public SyncOptions withStateDir(Path dir) {
        return new SyncOptions(dir, rejectsDir, propagateDeletes, pollInterval, partialLineTimeout, brokenRecordWait,
                batchEvents, batchBytes, retry);
    }

    public SyncOptions withRejectsDir(Path dir) {
        return new SyncOptions(stateDir, dir, propagateDeletes, pollInterval, partialLineTimeout, brokenRecordWait,
                batchEvents, batchBytes, retry);
    }

    public SyncOptions withPropagateDeletes(boolean on) {
        return new SyncOptions(stateDir, rejectsDir, on, pollInterval, partialLineTimeout, brokenRecordWait,
                batchEvents, batchBytes, retry);
    }

    public SyncOptions withPollInterval(Duration d) {
        return new SyncOptions(stateDir, rejectsDir, propagateDeletes, d, partialLineTimeout, brokenRecordWait,
                batchEvents, batchBytes, retry);
    }

    public SyncOptions withPartialLineTimeout(Duration d) {
        return new SyncOptions(stateDir, rejectsDir, propagateDeletes, pollInterval, d, brokenRecordWait,
                batchEvents, batchBytes, retry);
    }

    public SyncOptions withBrokenRecordWait(Duration d) {
        return new SyncOptions(stateDir, rejectsDir, propagateDeletes, pollInterval, partialLineTimeout, d,
                batchEvents, batchBytes, retry);
    }

    public SyncOptions withBatchEvents(int n) {
        return new SyncOptions(stateDir, rejectsDir, propagateDeletes, pollInterval, partialLineTimeout,
                brokenRecordWait, n, batchBytes, retry);
    }

    public SyncOptions withRetry(RetryPolicy policy) {
        return new SyncOptions(stateDir, rejectsDir, propagateDeletes, pollInterval, partialLineTimeout,
                brokenRecordWait, batchEvents, batchBytes, policy);
    }
}
