package io.contextuate.monitor.spi;

/**
 * What the opener of a store means to do with it. A store opened {@link #READ_ONLY} writes nothing where its data
 * lives (no index, lock or history file in a file store's directory, no schema migration on a server), so that a
 * source on a read-only mount, or a directory another program owns, is left exactly as it was found; its write
 * operations fail with {@link UnsupportedOperationException}.
 */
public enum AccessMode {
    /** Reads and writes: the default. */
    READ_WRITE,
    /** Reads only: a migration or sync source, the store a read command lists. */
    READ_ONLY
}
