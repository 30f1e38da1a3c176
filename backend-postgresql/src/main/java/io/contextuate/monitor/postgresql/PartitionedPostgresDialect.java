package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.SqlTables;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Objects;

/**
 * PostgreSQL on the partitioned layout: every write first makes sure the partitions of its sessions' buckets exist,
 * so a single event goes through a handle rather than the store's plain-JDBC insert (which only the unpartitioned
 * layout uses); the partitions a prune detaches are dropped after it.
 */
final class PartitionedPostgresDialect extends PostgresDialect {

    private final PrunedPartitions pruned;

    PartitionedPostgresDialect(SqlTables tables, EventPartitions partitions, PrunedPartitions pruned) {
        super(tables, Objects.requireNonNull(partitions, "partitions"));
        this.pruned = Objects.requireNonNull(pruned, "pruned");
    }

    @Override
    public void afterPrune() {
        pruned.dropSoon();
    }

    @Override
    public void beforeWrite(Handle handle, List<EventRow> rows) {
        partitions.ensureForSessions(handle, rows);
    }

    /** The annotated statement's SQL through the fluent API: the same insert without JDBI's per-attach cost. */
    @Override
    public int insertEvent(Handle handle, EventRow row) {
        return handle.createUpdate(PartitionedStatements.INSERT_EVENT).bindMethods(row).execute();
    }
}
