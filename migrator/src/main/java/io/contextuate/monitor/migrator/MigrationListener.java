package io.contextuate.monitor.migrator;

import java.time.Duration;

/** Hears what a running migration does, for progress displays and logs. Called from the migrating thread. */
public interface MigrationListener {

    /** A listener that hears nothing. */
    MigrationListener NONE = new MigrationListener() { };

    /** Progress: after each batch and at each change of phase. */
    default void progressed(MigrationProgress progress) {
    }

    /** A record was kept in the rejects folder. */
    default void rejected(Reject reject) {
    }

    /** The target was unavailable; the run waits {@code wait} before try {@code attempt + 1} of {@code attempts}. */
    default void retrying(int attempt, int attempts, Duration wait, RuntimeException cause) {
    }
}
