package io.contextuate.monitor.spi;

/**
 * The configuration cannot be used as written: a missing or malformed key, an unknown store type, a schema that
 * must be applied first. The message names the file and key when known, and what to change.
 */
public class ConfigurationException extends StoreException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
