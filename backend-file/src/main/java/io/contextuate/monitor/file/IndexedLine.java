package io.contextuate.monitor.file;

/**
 * What the index notes about one line while it is added.
 *
 * @param start     byte offset of the line
 * @param end       byte offset after its line feed
 * @param number    1-based line number
 * @param kind      what the line holds
 * @param timestamp the event's timestamp, for {@link Kind#EVENT}
 * @param idHash    {@link IdHash} of the event id, for {@link Kind#EVENT}
 */
record IndexedLine(long start, long end, long number, Kind kind, long timestamp, long idHash) {

    /** What a line holds, as far as the index cares. */
    enum Kind {
        /** The first occurrence of an event id in the file: an event reads return. */
        EVENT,
        /** An event whose id appeared earlier in the file: reads skip it. */
        DUPLICATE,
        /** A blank line, or one that is not an event (reported whenever it is read). */
        OTHER
    }
}
