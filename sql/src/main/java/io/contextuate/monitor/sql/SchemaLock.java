package io.contextuate.monitor.sql;

/**
 * What keeps two processes from changing one store's schema at the same time: {@link FlywaySchema} holds it around
 * everything {@code schema apply} does (adopting a seed-made database, its baseline, the migrations) and around the
 * migrations a store applies when it opens. Flyway's own lock is taken inside it; a backend supplies one when that
 * lock is not enough (on a MariaDB Galera cluster Flyway's lock holds on one node only).
 * <p>
 * An implementation waits a bounded time for a lock held by another process and then fails with a
 * {@link io.contextuate.monitor.spi.StoreUnavailableException} that says how long it waited; a user that may not
 * take the lock (one without DDL rights on a database where the lock's table is missing) gets a
 * {@link io.contextuate.monitor.spi.ConfigurationException}.
 */
@FunctionalInterface
public interface SchemaLock {

    /** No lock of its own: Flyway's lock alone (enough for PostgreSQL's advisory locks, or a single server). */
    SchemaLock NONE = what -> () -> { };

    /**
     * Takes the lock, waiting a bounded time while another process holds it.
     *
     * @param what what will be done under it, for people ("applying the schema at ...")
     * @return the held lock; closing it releases it
     */
    Held acquire(String what);

    /** A lock this process holds until it is closed. */
    @FunctionalInterface
    interface Held extends AutoCloseable {

        /** Releases the lock (never throws: a lock that cannot be released expires or dies with its session). */
        @Override
        void close();
    }
}
