package io.contextuate.monitor.spi;

/**
 * Counts over a whole store.
 *
 * @param sessions sessions with a session record
 * @param events   events stored, in all sessions, including sessions without a session record
 */
public record StoreStats(long sessions, long events) {
}
