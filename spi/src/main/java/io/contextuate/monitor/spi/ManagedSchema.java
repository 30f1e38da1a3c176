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
}
