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
 * Converts a store's unpartitioned events table into the partitioned layout, keeping every row, its {@code seq}
 * (save order) and its identity. The work is resumable: rows are copied in {@code seq} order, one committed chunk at
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
    private final String keys;
    private final String layoutTable;
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
        this.keys = tables.qualified(tables.prefix() + "event_keys");
        this.layoutTable = tables.qualified(tables.prefix() + "event_partitioning");
    }

    /** Where a store stands. */
    record State(Optional<Partitioning> partitioned, Optional<Partitioning> underWay, long copiedThroughSeq,
                 boolean eventsEmpty) {
    }

    State state() {
        return jdbi.withHandle(h -> {
            Optional<Partitioning> done = EventPartitions.layout(h, tables);
            Optional<Partitioning> underWay = Optional.empty();
            long copied = 0;
            if (done.isEmpty() && exists(h, layoutTable)) {
                var row = h.createQuery("SELECT granularity, copied_through_seq FROM " + layoutTable)
                        .mapToMap().findOne();
                if (row.isPresent()) {
                    underWay = Optional.of(Partitioning.ofConfigName((String) row.get().get("granularity")));
                    copied = ((Number) row.get().get("copied_through_seq")).longValue();
                }
            }
            boolean empty = done.isPresent() || !h.createQuery("SELECT EXISTS (SELECT 1 FROM " + events + ")")
                    .mapTo(Boolean.class).one();
            return new State(done, underWay, copied, empty);
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
                h.useTransaction(t -> {
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
        List<long[]> rows = h.createQuery("SELECT seq, \"timestamp\" FROM " + events
                        + " WHERE seq > :from ORDER BY seq LIMIT :n")
                .bind("from", from).bind("n", chunkRows)
                .map((rs, ctx) -> new long[]{rs.getLong(1), rs.getLong(2)}).list();
        if (rows.isEmpty()) {
            return 0;
        }
        long to = rows.get(rows.size() - 1)[0];
        long[] timestamps = new long[rows.size()];
        for (int i = 0; i < timestamps.length; i++) {
            timestamps[i] = rows.get(i)[1];
        }
        partitions.ensureFor(h, timestamps);
        h.createUpdate("INSERT INTO " + keys + " (session_id, id) SELECT session_id, id FROM " + events
                + " WHERE seq > :from AND seq <= :to ON CONFLICT DO NOTHING").bind("from", from).bind("to", to).execute();
        int n = h.createUpdate("INSERT INTO " + staged + " (seq, " + COLUMNS + ") OVERRIDING SYSTEM VALUE"
                        + " SELECT seq, " + COLUMNS + " FROM " + events + " WHERE seq > :from AND seq <= :to ORDER BY seq"
                        + " ON CONFLICT DO NOTHING")
                .bind("from", from).bind("to", to).execute();
        h.createUpdate("UPDATE " + layoutTable + " SET copied_through_seq = :to").bind("to", to).execute();
        return n;
    }

    /** The last transaction: no writer may add to the old table while the rest is copied and the tables swap. */
    private long swap(Handle h, EventPartitions partitions) {
        h.execute("LOCK TABLE " + events + " IN EXCLUSIVE MODE");
        long copied = 0;
        for (long n; (n = copyChunk(h, partitions)) > 0; ) {
            copied += n;
        }
        long late = lateRows(h);
        if (late > 0) {
            List<Long> timestamps = h.createQuery("SELECT DISTINCT e.\"timestamp\" FROM " + events + " e"
                    + " WHERE NOT EXISTS (SELECT 1 FROM " + keys + " k WHERE k.session_id = e.session_id AND k.id = e.id)")
                    .mapTo(Long.class).list();
            partitions.ensureFor(h, timestamps.stream().mapToLong(Long::longValue).toArray());
            copied += h.createUpdate("WITH late AS (SELECT e.* FROM " + events + " e WHERE NOT EXISTS (SELECT 1 FROM "
                    + keys + " k WHERE k.session_id = e.session_id AND k.id = e.id)),"
                    + " k AS (INSERT INTO " + keys + " (session_id, id) SELECT session_id, id FROM late)"
                    + " INSERT INTO " + staged + " (seq, " + COLUMNS + ") OVERRIDING SYSTEM VALUE"
                    + " SELECT seq, " + COLUMNS + " FROM late ORDER BY seq").execute();
        }
        long before = h.createQuery("SELECT count(*) FROM " + events).mapTo(Long.class).one();
        long after = h.createQuery("SELECT count(*) FROM " + staged).mapTo(Long.class).one();
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

    /** Rows of the old table without a key in the new one: committed after the chunks passed their seq. */
    private long lateRows(Handle h) {
        long before = h.createQuery("SELECT count(*) FROM " + events).mapTo(Long.class).one();
        long keyed = h.createQuery("SELECT count(*) FROM " + keys).mapTo(Long.class).one();
        return before - keyed;
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
