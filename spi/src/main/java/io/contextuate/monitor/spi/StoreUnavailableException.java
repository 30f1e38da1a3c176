package io.contextuate.monitor.spi;

/**
 * The store cannot be reached now (a database down, a connection lost, a file lock not granted). Retrying later may
 * succeed; work that was idempotent can simply be repeated.
 */
public class StoreUnavailableException extends StoreException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
