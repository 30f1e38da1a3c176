package io.contextuate.monitor.spi;

import java.util.List;

/**
 * Where a store's schema stands.
 *
 * @param location       where the schema lives (database, schema, table prefix), without credentials
 * @param currentVersion the version applied last, or {@code null} when none
 * @param pending        versions not yet applied, in order
 * @param notes          anything a person should know (an upstream-made database found, say)
 */
public record SchemaStatus(String location, String currentVersion, List<String> pending, List<String> notes) {

    public SchemaStatus {
        pending = List.copyOf(pending);
        notes = List.copyOf(notes);
    }

    /** Whether nothing is pending. */
    public boolean upToDate() {
        return pending.isEmpty();
    }
}
