package io.contextuate.monitor.migrator;

/** The checkpoint file named for a migration belongs to other stores, or is no checkpoint at all. */
public final class CheckpointMismatchException extends IllegalArgumentException {

    public CheckpointMismatchException(String message) {
        super(message);
    }
}
