package io.contextuate.monitor.conformance;

/**
 * The damage real upstream stores carry, each injected into a session of its own by {@link UpstreamDamage}. The
 * Javadoc of each constant says what is on disk and what a forgiving reader does with it; the matching
 * {@link DamageCase} carries the same expectations as data (problems with file and line, records that must arrive).
 */
public enum Damage {

    /** The last line of {@code events.jsonl} is cut short (a crash mid-append): report that line; read the rest. */
    CUT_FINAL_LINE,

    /** A line that is not JSON in the middle of {@code events.jsonl}: report it; the lines around it arrive. */
    MALFORMED_LINE_IN_MIDDLE,

    /** {@code meta.json} is empty: report the file (line 0); the session record is missing, its events arrive. */
    EMPTY_META,

    /** {@code meta.json} is cut short: report the file (line 0); the session record is missing, its events arrive. */
    CUT_META,

    /**
     * An {@code events.jsonl} without {@code meta.json}: report the missing {@code meta.json} (line 0); the events
     * arrive (a session with events and no session record).
     */
    EVENTS_WITHOUT_META,

    /** A line in the middle holds bytes that are not UTF-8: report it (its bytes kept); the other lines arrive. */
    INVALID_UTF8,

    /** {@code events.jsonl} and {@code meta.json} start with a UTF-8 byte order mark: nothing to report; all arrive. */
    UTF8_BOM,

    /** Every line of {@code events.jsonl} and {@code meta.json} ends with CR LF: nothing to report; all arrive. */
    CRLF_LINE_ENDS,

    /** A line in the middle is JSON but not an object (an array): report it; the other lines arrive. */
    NON_OBJECT_LINE,

    /** A line in the middle has a {@code timestamp} beyond 64 bits: report it (it names timestamp); the rest arrive. */
    TIMESTAMP_BEYOND_64_BITS,

    /**
     * A line in the middle is a well-formed event whose {@code sessionId} is 300 characters (no file system takes
     * such a directory name, so it sits in another session's file): its {@code sessionId} differs from its folder, so
     * report it (line and bytes); it arrives in neither session, and the other lines arrive.
     */
    SESSION_ID_OF_300_CHARS,

    /** A well-formed 5 MB line in the middle: nothing to report; it and every other line arrive. */
    FIVE_MEGABYTE_LINE
}
