package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.postgresql.Partitioning.Bucket;
import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.SqlTables;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partitions of a partitioned events table: which exist, and creating the ones a write or the calendar needs.
 * Events are partitioned by their session's bucket ({@code sessions.bucket}, the session's start as first known),
 * so the partition a write needs is its session's, looked up before the write; a session that has no row yet will
 * get its bucket from the placeholder the write makes, i.e. from the timestamp of its first event in the batch.
 * Partitions are made by the store itself (ahead of time when a store opens or the schema is applied, and on demand
 * for a bucket that has none yet), each in its own statement outside the writer's transaction, so the parent's lock
 * is held only for the moment of the DDL. A partition a prune dropped, or one another writer's placeholder made
 * necessary, is made when a write next needs it ({@link #isMissingPartition}: the write is retried).
 */
final class EventPartitions {

    /** SQLState check_violation, which PostgreSQL also uses for a row no partition accepts. */
    private static final String CHECK_VIOLATION = "23514";
    private static final int MONTHS_AHEAD = 3;
    private static final int DAYS_AHEAD = 14;

    private final SqlTables tables;
    private final String parent;
    private final Partitioning granularity;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /**
     * @param tables      where the tables are
     * @param parent      the unqualified name of the partitioned table (events, or events_partitioned during a
     *                    conversion)
     * @param granularity monthly or daily
     */
    EventPartitions(SqlTables tables, String parent, Partitioning granularity) {
        this.tables = tables;
        this.parent = parent;
        this.granularity = granularity;
    }

    Partitioning granularity() {
        return granularity;
    }

    /**
     * The layout of a store's events table: its granularity when it is partitioned by session bucket, empty when it
     * is one table (or in the earlier layout, {@link #byEventTimestamp}).
     */
    static Optional<Partitioning> layout(Handle handle, SqlTables tables) {
        return swappedLayout(handle, tables, true);
    }

    /**
     * The granularity of a store in the earlier partitioned layout (events partitioned by their own timestamp,
     * identity in {@code event_keys}), which a store no longer opens: {@code schema partition} converts it.
     */
    static Optional<Partitioning> byEventTimestamp(Handle handle, SqlTables tables) {
        return swappedLayout(handle, tables, false);
    }

    private static Optional<Partitioning> swappedLayout(Handle handle, SqlTables tables, boolean bySessionBucket) {
        String layoutTable = tables.qualified(tables.prefix() + "event_partitioning");
        boolean partitioned = handle.createQuery("SELECT EXISTS (SELECT 1 FROM pg_partitioned_table t"
                        + " JOIN pg_class c ON c.oid = t.partrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = :schema AND c.relname = :events)")
                .bind("schema", tables.schema()).bind("events", tables.events()).mapTo(Boolean.class).one();
        if (!partitioned) {
            return Optional.empty();
        }
        boolean hasBucket = handle.createQuery("SELECT EXISTS (SELECT 1 FROM pg_attribute a"
                        + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = :schema AND c.relname = :events AND a.attname = 'bucket'"
                        + " AND NOT a.attisdropped)")
                .bind("schema", tables.schema()).bind("events", tables.events()).mapTo(Boolean.class).one();
        if (hasBucket != bySessionBucket) {
            return Optional.empty();
        }
        return handle.createQuery("SELECT granularity FROM " + layoutTable + " WHERE swapped")
                .mapTo(String.class).findOne().map(Partitioning::ofConfigName);
    }

    /**
     * Creates the partitions the rows' sessions need, where missing: each session's stored bucket, or for a session
     * with no row yet the timestamp of its first row (the start its placeholder will get).
     */
    void ensureForSessions(Handle handle, List<EventRow> rows) {
        Map<String, Long> firstTimestamps = new LinkedHashMap<>();
        for (EventRow r : rows) {
            firstTimestamps.putIfAbsent(r.sessionId(), r.timestamp());
        }
        Map<String, Long> stored = buckets(handle, tables, firstTimestamps.keySet());
        long[] buckets = new long[firstTimestamps.size()];
        int i = 0;
        for (Map.Entry<String, Long> e : firstTimestamps.entrySet()) {
            buckets[i++] = stored.getOrDefault(e.getKey(), e.getValue());
        }
        ensureFor(handle, buckets);
    }

    /** The buckets of those of the sessions that have a row (placeholders included), by session id. */
    static Map<String, Long> buckets(Handle handle, SqlTables tables, Collection<String> sessionIds) {
        Map<String, Long> out = new HashMap<>();
        handle.createQuery("SELECT session_id, bucket FROM " + tables.qualified(tables.sessions())
                        + " WHERE session_id = ANY(:ids)")
                .bindArray("ids", String.class, sessionIds)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Creates the partitions the buckets (ms) fall in, where missing. */
    void ensureFor(Handle handle, long[] buckets) {
        Map<String, Bucket> needed = new LinkedHashMap<>();
        for (long t : buckets) {
            Bucket b = granularity.bucketOf(t);
            if (!known.contains(b.suffix())) {
                needed.putIfAbsent(b.suffix(), b);
            }
        }
        if (needed.isEmpty()) {
            return;
        }
        loadExisting(handle);
        for (Bucket b : needed.values()) {
            if (!known.contains(b.suffix())) {
                create(handle, b);
            }
        }
    }

    /** Creates the current bucket and the next ones (three months, or fourteen days), where missing. */
    void ensureAhead(Handle handle, long nowMs) {
        loadExisting(handle);
        int ahead = granularity == Partitioning.MONTHLY ? MONTHS_AHEAD : DAYS_AHEAD;
        Bucket b = granularity.bucketOf(nowMs);
        for (int i = 0; i <= ahead; i++, b = granularity.next(b)) {
            if (!known.contains(b.suffix())) {
                create(handle, b);
            }
        }
    }

    /** The number of partitions, as last read. */
    int count(Handle handle) {
        loadExisting(handle);
        return known.size();
    }

    /**
     * Whether an error says a row fell in no partition (one a prune dropped since this store last looked, say);
     * the next write then looks again.
     */
    boolean isMissingPartition(SQLException e) {
        boolean missing = e != null && CHECK_VIOLATION.equals(e.getSQLState()) && e.getMessage() != null
                && e.getMessage().contains("no partition of relation");
        if (missing) {
            known.clear();
        }
        return missing;
    }

    private void loadExisting(Handle handle) {
        List<String> names = handle.createQuery("SELECT c.relname FROM pg_inherits i"
                        + " JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent"
                        + " JOIN pg_namespace n ON n.oid = p.relnamespace WHERE n.nspname = :schema AND p.relname = :parent")
                .bind("schema", tables.schema()).bind("parent", parent)
                .mapTo(String.class).list();
        String stem = tables.events() + "_";
        known.clear();
        for (String name : names) {
            if (name.startsWith(stem)) {
                known.add(name.substring(stem.length()));
            }
        }
    }

    // DDL takes no bind parameters: the names are checked identifiers (SqlTables) and the bounds are numbers
    private void create(Handle handle, Bucket b) {
        String sql = "CREATE TABLE IF NOT EXISTS " + tables.qualified(b.tableName(tables.events())) + " PARTITION OF "
                + tables.qualified(parent) + " FOR VALUES FROM (" + b.lowerBound() + ") TO (" + b.upperBound() + ")";
        try {
            handle.execute(sql);
        } catch (StatementException e) {
            // another writer made it at the same moment: fine when it now exists
            loadExisting(handle);
            if (!known.contains(b.suffix())) {
                throw e;
            }
        }
        known.add(b.suffix());
    }
}
