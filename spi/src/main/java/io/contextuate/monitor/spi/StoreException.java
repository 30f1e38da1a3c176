package io.contextuate.monitor.spi;

/**
 * The root of the small unchecked hierarchy every store throws. Messages say what to do next and never contain a
 * password.
 */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
