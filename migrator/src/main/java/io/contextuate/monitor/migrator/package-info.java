/**
 * The migrator: streams every session and event of one store into another of any kind (file, PostgreSQL, MySQL, a
 * plugin), idempotently and resumably, keeping what cannot be read or stored in a rejects folder, and verifying the
 * result record by record. Start at {@link io.contextuate.monitor.migrator.Migrator} (its {@code migrate} and
 * {@code verify}) and, for a live copy, {@link io.contextuate.monitor.migrator.Sync}.
 */
package io.contextuate.monitor.migrator;
