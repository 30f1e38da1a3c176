package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.RetryPolicy;

/**
 * Hears what a running migration does, for progress displays and logs. Called from the migrating thread, except
 * {@link #retrying}, which the thread that saves events may call too, at the same time.
 */
public interface MigrationListener {

    /** A listener that hears nothing. */
    MigrationListener NONE = new MigrationListener() { };

    /** Progress: after each batch and at each change of phase. */
    default void progressed(MigrationProgress progress) {
    }

    /** A record was kept in the rejects folder. */
    default void rejected(Reject reject) {
    }

    /** The target was unavailable; the run waits {@code wait.next()} before trying again, within the retry budget. */
    default void retrying(RetryPolicy.Wait wait) {
    }
}
