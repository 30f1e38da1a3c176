package io.contextuate.monitor.spi.log;

import io.contextuate.monitor.spi.ReadProblem;
import io.contextuate.monitor.spi.model.SessionMeta;

import java.util.Optional;

/**
 * A session record as {@link EventLog#readRecord} found it: the record, or the problem that kept it from being read,
 * or neither when there is no record file.
 *
 * @param record  the record, or {@code null}
 * @param version the version of the file that was read, or {@code null} when there is none
 * @param problem why the file does not hold a record (empty, cut short, not a session), or {@code null}
 */
public record RecordRead(SessionMeta record, FileVersion version, ReadProblem problem) {

    /** The record, if the file held one. */
    public Optional<SessionMeta> session() {
        return Optional.ofNullable(record);
    }

    /** Whether the file is there but does not hold a record (yet). */
    public boolean broken() {
        return problem != null;
    }
}
