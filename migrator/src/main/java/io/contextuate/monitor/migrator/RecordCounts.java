package io.contextuate.monitor.migrator;

/**
 * What became of the records of one kind (session records or events) in a run.
 *
 * @param read           read from the source in this run
 * @param written        new in the target
 * @param alreadyPresent the target already held them
 * @param rejected       unreadable, refused or invalid (kept in the rejects folder)
 */
public record RecordCounts(long read, long written, long alreadyPresent, long rejected) {
}
