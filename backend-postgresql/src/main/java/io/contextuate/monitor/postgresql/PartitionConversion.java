package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.StoreException;
import io.contextuate.monitor.sql.SqlTables;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Converts a store's events table into the partitioned layout (events partitioned by their session's bucket), from
 * the unpartitioned table or from the earlier partitioned layout (by event timestamp, identity in
 * {@code event_keys}), keeping every row, its {@code seq} (save order) and its identity. Sessions get their bucket
 * (their start time) first, in one transaction with the trigger that sets it for every new row. The work is
 * resumable: rows are copied in {@code seq} order, one committed chunk at
 * a time, and the layout table remembers how far; a conversion that stops (a kill, a lost server) goes on from there
 * when started again. Writers may go on meanwhile: deletions reach the copy through its foreign keys, and the last
 * transaction locks the old table against writes, copies what is left (rows committed late with a lower
 * {@code seq} included), checks the counts and swaps the tables. Only one conversion of a store runs at a time (an
 * advisory lock). An empty table converts in one step, which is what a fresh store configured as partitioned gets.
 */
final class PartitionConversion {

    private static final String FOLDER = "db/postgresql-partitioning/";
    private static final String V2 = "db/postgresql-migrations/V2__views_functions_and_comments.sql";
    private static final int CHUNK_ROWS = 20_000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PartitionConversion.class);
    private static final String COLUMNS = "id, session_id, \"timestamp\", parent_session_id, machine_id,"
            + " working_directory, event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json,"
            + " created_at";

    private final Jdbi jdbi;
    private final SqlTables tables;
    private final String events;
    private final String staged;
    private final String layoutTable;
    private final String sessions;
    private final int chunkRows;

    PartitionConversion(DataSource dataSource, SqlTables tables) {
        this(dataSource, tables, CHUNK_ROWS);
    }

    /** @param chunkRows rows per committed chunk */
    PartitionConversion(DataSource dataSource, SqlTables tables, int chunkRows) {
        this.chunkRows = chunkRows;
        this.jdbi = Jdbi.create(dataSource);
        this.tables = tables;
        this.events = tables.qualified(tables.events());
        this.staged = tables.qualified(tables.events() + "_partitioned");
        this.sessions = tables.qualified(tables.sessions());
        this.layoutTable = tables.qualified(tables.prefix() + "event_partitioning");
    }

    /**
     * Where a store stands.
     *
     * @param partitioned      the granularity of a store partitioned by session bucket
     * @param underWay         the granularity a conversion under way converts to
     * @param byEventTimestamp the granularity of a store in the earlier layout (by event timestamp, with
     *                         {@code event_keys}), which only a conversion opens again
     */
    record State(Optional<Partitioning> partitioned, Optional<Partitioning> underWay, long copiedThroughSeq,
                 boolean eventsEmpty, Optional<Partitioning> byEventTimestamp) {
    }

    State state() {
        return jdbi.withHandle(h -> {
            Optional<Partitioning> done = EventPartitions.layout(h, tables);
            Optional<Partitioning> earlier = done.isPresent() ? Optional.empty()
                    : EventPartitions.byEventTimestamp(h, tables);
            Optional<Partitioning> underWay = Optional.empty();
            long copied = 0;
            if (done.isEmpty() && earlier.isEmpty() && exists(h, layoutTable)) {
                var row = h.createQuery("SELECT granularity, copied_through_seq FROM " + layoutTable)
                        .mapToMap().findOne();
                if (row.isPresent()) {
                    underWay = Optional.of(Partitioning.ofConfigName((String) row.get().get("granularity")));
                    copied = ((Number) row.get().get("copied_through_seq")).longValue();
                }
            }
            boolean empty = done.isPresent() || !h.createQuery("SELECT EXISTS (SELECT 1 FROM " + events + ")")
                    .mapTo(Boolean.class).one();
            return new State(done, underWay, copied, empty, earlier);
        });
    }

    /**
     * Converts (or finishes converting) the events table into partitions of the given granularity.
     *
     * @param progress told the number of rows copied so far, after each chunk
     * @return the rows copied by this run
     */
    long convert(Partitioning granularity, LongConsumer progress) {
        if (granularity == Partitioning.NONE) {
            throw new IllegalArgumentException("nothing to convert to");
        }
        return jdbi.withHandle(h -> {
            h.execute("SELECT pg_advisory_lock(hashtext(?))", lockName());
            try {
                Optional<Partitioning> done = EventPartitions.layout(h, tables);
                if (done.isPresent()) {
                    if (done.get() != granularity) {
                        throw mismatch(done.get(), granularity);
                    }
                    return 0L;
                }
                boolean fromEarlierLayout = EventPartitions.byEventTimestamp(h, tables).isPresent();
                h.useTransaction(t -> {
                    if (fromEarlierLayout) {
                        // the copy walks the old table in seq order, which that layout did not index
                        t.execute("CREATE INDEX IF NOT EXISTS " + tables.prefix() + "pidx_seq ON " + events + " (seq)");
                        t.createUpdate("UPDATE " + layoutTable + " SET granularity = :g, copied_through_seq = 0,"
                                + " swapped = false").bind("g", granularity.configName()).execute();
                    }
                    run(t, script("10-partitioned-events.sql"));
                    t.createUpdate("INSERT INTO " + layoutTable + " (granularity) VALUES (:g) ON CONFLICT DO NOTHING")
                            .bind("g", granularity.configName()).execute();
                });
                Partitioning stored = Partitioning.ofConfigName(h.createQuery("SELECT granularity FROM " + layoutTable)
                        .mapTo(String.class).one());
                if (stored != granularity) {
                    throw mismatch(stored, granularity);
                }
                EventPartitions partitions = new EventPartitions(tables, tables.events() + "_partitioned", granularity);
                partitions.ensureFor(h, new long[]{-1, Partitioning.BUCKETED_END});
                long copied = 0;
                while (true) {
                    long n = h.inTransaction(t -> copyChunk(t, partitions));
                    if (n == 0) {
                        break;
                    }
                    copied += n;
                    if (copied / 500_000 != (copied - n) / 500_000) {
                        LOG.info("Partitioning {}: {} events copied", events, copied);
                    }
                    progress.accept(copied);
                }
                copied += h.inTransaction(t -> swap(t, partitions));
                progress.accept(copied);
                return copied;
            } finally {
                h.execute("SELECT pg_advisory_unlock(hashtext(?))", lockName());
            }
        });
    }

    private long copyChunk(Handle h, EventPartitions partitions) {
        long from = h.createQuery("SELECT copied_through_seq FROM " + layoutTable).mapTo(Long.class).one();
        long to = h.createQuery("SELECT COALESCE(max(seq), :from) FROM (SELECT seq FROM " + events
                        + " WHERE seq > :from ORDER BY seq LIMIT :n) chunk")
                .bind("from", from).bind("n", chunkRows).mapTo(Long.class).one();
        if (to <= from) {
            return 0;
        }
        List<Long> buckets = h.createQuery("SELECT DISTINCT s.bucket FROM " + events + " e JOIN " + sessions
                        + " s ON s.session_id = e.session_id WHERE e.seq > :from AND e.seq <= :to")
                .bind("from", from).bind("to", to).mapTo(Long.class).list();
        partitions.ensureFor(h, buckets.stream().mapToLong(Long::longValue).toArray());
        int n = h.createUpdate("INSERT INTO " + staged + " (seq, bucket, " + COLUMNS + ") OVERRIDING SYSTEM VALUE"
                        + " SELECT e.seq, s.bucket, " + prefixed("e.") + " FROM " + events + " e JOIN " + sessions
                        + " s ON s.session_id = e.session_id WHERE e.seq > :from AND e.seq <= :to ORDER BY e.seq"
                        + " ON CONFLICT DO NOTHING")
                .bind("from", from).bind("to", to).execute();
        h.createUpdate("UPDATE " + layoutTable + " SET copied_through_seq = :to").bind("to", to).execute();
        return n;
    }

    /** The copied columns, each qualified by the alias. */
    private static String prefixed(String alias) {
        StringBuilder out = new StringBuilder();
        for (String column : COLUMNS.split(", ")) {
            out.append(out.length() == 0 ? "" : ", ").append(alias).append(column);
        }
        return out.toString();
    }

    /** The last transaction: no writer may add to the old table while the rest is copied and the tables swap. */
    private long swap(Handle h, EventPartitions partitions) {
        h.execute("LOCK TABLE " + events + " IN EXCLUSIVE MODE");
        long copied = 0;
        for (long n; (n = copyChunk(h, partitions)) > 0; ) {
            copied += n;
        }
        long before = h.createQuery("SELECT count(*) FROM " + events).mapTo(Long.class).one();
        long after = h.createQuery("SELECT count(*) FROM " + staged).mapTo(Long.class).one();
        if (before != after) {
            // rows committed after the chunks passed their seq (a lower seq committed late)
            String late = " FROM " + events + " e JOIN " + sessions + " s ON s.session_id = e.session_id"
                    + " WHERE NOT EXISTS (SELECT 1 FROM " + staged + " p WHERE p.session_id = e.session_id"
                    + " AND p.id = e.id AND p.bucket = s.bucket)";
            List<Long> buckets = h.createQuery("SELECT DISTINCT s.bucket" + late).mapTo(Long.class).list();
            partitions.ensureFor(h, buckets.stream().mapToLong(Long::longValue).toArray());
            copied += h.createUpdate("INSERT INTO " + staged + " (seq, bucket, " + COLUMNS + ") OVERRIDING SYSTEM VALUE"
                    + " SELECT e.seq, s.bucket, " + prefixed("e.") + late + " ORDER BY e.seq").execute();
            after = h.createQuery("SELECT count(*) FROM " + staged).mapTo(Long.class).one();
        }
        if (before != after) {
            throw new StoreException("Converting " + events + " to partitions found " + before + " events in the old"
                    + " table but " + after + " in the new one; nothing was swapped. Run `contextuate-monitor schema"
                    + " partition` again.");
        }
        long nextSeq = h.createQuery("SELECT COALESCE(max(seq), 0) + 1 FROM " + events).mapTo(Long.class).one();
        run(h, script("20-swap.sql"));
        h.execute("ALTER TABLE " + events + " ALTER COLUMN seq RESTART WITH " + nextSeq);
        run(h, resource(V2));
        run(h, script("30-prune-function.sql"));
        return copied;
    }

    /**
     * Brings the functions of a partitioned store up to this version's (a store partitioned by an earlier version
     * has a prune that drops partitions in place and no {@code drop_pruned_partitions}); a no-op when current.
     */
    void ensureCurrentFunctions() {
        String probe = "SELECT to_regprocedure(:name) IS NOT NULL";
        String name = tables.qualified(tables.prefix() + "drop_pruned_partitions") + "()";
        jdbi.useHandle(h -> {
            if (h.createQuery(probe).bind("name", name).mapTo(Boolean.class).one()) {
                return;
            }
            h.execute("SELECT pg_advisory_lock(hashtext(?))", lockName());
            try {
                if (!h.createQuery(probe).bind("name", name).mapTo(Boolean.class).one()) {
                    h.useTransaction(t -> run(t, script("30-prune-function.sql")));
                }
            } finally {
                h.execute("SELECT pg_advisory_unlock(hashtext(?))", lockName());
            }
        });
    }

    private String lockName() {
        return "contextuate-monitor partitioning " + events;
    }

    private ConfigurationException mismatch(Partitioning found, Partitioning wanted) {
        return new ConfigurationException("The events of " + events + " are " + (found == Partitioning.NONE ? "one"
                + " table" : "partitioned " + found.configName()) + " (or being converted so), but"
                + " persistence.database.partitioning asks for " + wanted.configName() + ". Changing the granularity"
                + " of a partitioned store is not supported; set partitioning to " + found.configName() + ".");
    }

    private static boolean exists(Handle h, String table) {
        return h.createQuery("SELECT to_regclass(:name) IS NOT NULL").bind("name", table).mapTo(Boolean.class).one();
    }

    /** Runs a script as it is, past JDBI's parameter parsing (scripts hold $$ bodies, casts and regexes). */
    private static void run(Handle h, String sql) {
        try (Statement s = h.getConnection().createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private String script(String name) {
        return resource(FOLDER + name);
    }

    /** A script with Flyway's placeholders filled in; schema and prefix are checked identifiers (SqlTables). */
    String resource(String path) {
        try (InputStream in = PartitionConversion.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the backend's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${schema}", tables.schema()).replace("${prefix}", tables.prefix());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
