package io.contextuate.monitor.spi.log;

import io.contextuate.monitor.spi.ReadProblem;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.util.List;
import java.util.Objects;

/**
 * What one {@link EventLog#read} found.
 *
 * @param events          the events of the lines read, in file order (repeats of an id included)
 * @param problems        the lines read that are not events, each with its file, line number, offset (in the reason)
 *                        and bytes
 * @param next            the position after the last line read; equal to the position read from when nothing was read
 * @param restarted       whether the remembered position no longer fitted the file and it was read from its start
 * @param unfinishedBytes how many bytes after {@code next} wait for their line feed (0 when none)
 * @param more            whether whole lines after {@code next} are left for another read (the limit was reached)
 * @param idleMillis      how long ago the file was last modified, in milliseconds
 */
public record LogRead(List<MonitorEvent> events, List<ReadProblem> problems, LogPosition next, boolean restarted,
                      long unfinishedBytes, boolean more, long idleMillis) {

    public LogRead {
        events = List.copyOf(events);
        problems = List.copyOf(problems);
        Objects.requireNonNull(next, "next");
    }

    /** How many lines were read (events, problems and blank lines). */
    public long linesRead(LogPosition from) {
        return restarted ? next.lines() : next.lines() - from.lines();
    }
}
