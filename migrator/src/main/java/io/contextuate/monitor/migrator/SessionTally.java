package io.contextuate.monitor.migrator;

/**
 * What became of one session's events, as the checkpoint keeps it.
 *
 * @param read     events read from the source
 * @param rejected events refused by the target
 */
record SessionTally(long read, long rejected) {
}
