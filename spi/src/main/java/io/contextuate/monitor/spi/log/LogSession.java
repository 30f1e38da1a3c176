package io.contextuate.monitor.spi.log;

import java.util.Objects;
import java.util.Optional;

/**
 * A session as {@link EventLog#scan()} found it.
 *
 * @param sessionId the session's id (its directory name)
 * @param record    the version of its record file, or {@code null} when it has none
 * @param events    the version of its events file, or {@code null} when it has none
 */
public record LogSession(String sessionId, FileVersion record, FileVersion events) {

    public LogSession {
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** The record file's version, if there is one. */
    public Optional<FileVersion> recordVersion() {
        return Optional.ofNullable(record);
    }

    /** The events file's version, if there is one. */
    public Optional<FileVersion> eventsVersion() {
        return Optional.ofNullable(events);
    }
}
