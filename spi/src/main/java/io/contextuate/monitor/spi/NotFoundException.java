package io.contextuate.monitor.spi;

/** A session (or event) named by an operation does not exist in the store. */
public class NotFoundException extends StoreException {

    private final String sessionId;

    public NotFoundException(String sessionId, String message) {
        super(message);
        this.sessionId = sessionId;
    }

    /** Thrown when no session has this id. */
    public static NotFoundException session(String sessionId) {
        return new NotFoundException(sessionId, "No session with id '" + sessionId + "' in this store");
    }

    /** The id of the session that was looked for. */
    public String sessionId() {
        return sessionId;
    }
}
