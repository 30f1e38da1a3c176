package io.contextuate.monitor.spi.log;

import java.time.Duration;
import java.util.List;

/**
 * A store read as the logs it is kept in: which sessions exist and how far each one's events file has grown, the
 * whole lines written after a remembered {@link LogPosition}, and a way to wait for the next change. What a live sync
 * follows; offered by stores whose events are append-only files (the file store), also when opened read-only. It
 * writes nothing where the store lives.
 *
 * <p>Reads are cheap to repeat: {@link #scan()} only looks at file attributes, {@link #read} only at the bytes after
 * the position. Thread-safe.
 */
public interface EventLog {

    /** Every session present now, with the versions of its record and its events file; in no particular order. */
    List<LogSession> scan();

    /**
     * The session's record as it is now. A record that is empty or does not parse (upstream rewrites it in place, so
     * a reader can meet it half-written) comes back with a {@link RecordRead#problem() problem}: read it again
     * shortly before believing it.
     */
    RecordRead readRecord(String sessionId);

    /**
     * The events in the whole lines after {@code from}, at most {@code maxEvents} of them. A position that no longer
     * fits the file (another file under the name, truncated, or rewritten so the bytes before the offset differ) is
     * read from the start of the file, with {@link LogRead#restarted()} set. A last line without its line feed is
     * left unread and told in {@link LogRead#unfinishedBytes()}, unless {@code takeUnfinished}: then it is taken as
     * a line (and becomes a problem unless it holds a whole event).
     *
     * @param from           where the previous read ended; {@link LogPosition#START} for the beginning
     * @param maxEvents      the most events to return, at least 1
     * @param takeUnfinished whether to take an unfinished last line as it is (it waited long enough)
     */
    LogRead read(String sessionId, LogPosition from, int maxEvents, boolean takeUnfinished);

    /**
     * Starts watching for changes: the operating system's notifications where they work, polling every
     * {@code pollInterval} where they do not. Close it.
     */
    LogWatch watch(Duration pollInterval);

    /** A short description of where the logs are, for people. */
    String describe();
}
