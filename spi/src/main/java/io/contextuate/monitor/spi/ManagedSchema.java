package io.contextuate.monitor.spi;

/**
 * The versioned schema of a store that has one, behind the {@code schema status|apply|print} commands. Applying is
 * never destructive and applies each migration once, even when two processes apply at the same moment.
 */
public interface ManagedSchema {

    /** Where the schema stands, without changing anything. */
    SchemaStatus status();

    /**
     * Applies the pending migrations (adopting a database made with the upstream seed scripts first, if that is
     * what it finds).
     *
     * @return the status after applying
     */
    SchemaStatus apply();

    /** The full SQL the schema consists of, as a privileged user would run it by hand. */
    String script();

    /**
     * Converts a store that holds data into the layout its configuration asks for (PostgreSQL's partitioned events,
     * say), keeping every record; resumable, and a no-op when the layout is already the one asked for. Then applies
     * as {@link #apply()}. The default has one layout only and just applies.
     *
     * @return the status after converting
     */
    default SchemaStatus convertLayout() {
        return apply();
    }
}
