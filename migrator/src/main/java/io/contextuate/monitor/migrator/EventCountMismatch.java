package io.contextuate.monitor.migrator;

/**
 * A session whose event count differs between the two stores (the events themselves are listed as differences).
 *
 * @param sessionId the session
 * @param source    distinct events in the source
 * @param target    distinct events in the target
 */
public record EventCountMismatch(String sessionId, long source, long target) {

    /** One line for people. */
    public String describe() {
        return "session " + sessionId + ": " + source + " events in the source, " + target + " in the target";
    }
}
