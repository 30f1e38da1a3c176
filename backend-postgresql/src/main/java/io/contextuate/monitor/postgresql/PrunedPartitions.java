package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.sql.SqlTables;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The partitions a prune detached, dropped after its transaction commits on a thread of the store's own: a DROP in
 * the prune's transaction made the prune several times slower, and no caller needs to wait for it once the
 * partition is no longer part of the events table. A drop that fails, or one a closing store does not finish within
 * {@link #CLOSE_WAIT}, is done the next time a store of the same tables opens or prunes.
 */
final class PrunedPartitions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PrunedPartitions.class);
    /** How long closing a store waits for a drop under way. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final String drop;
    private final String where;
    private final ExecutorService dropper;
    private final AtomicBoolean queued = new AtomicBoolean();

    PrunedPartitions(DataSource dataSource, SqlTables tables, String where) {
        this.jdbi = Jdbi.create(dataSource);
        this.drop = "SELECT " + tables.qualified(tables.prefix() + "drop_pruned_partitions") + "()";
        this.where = where;
        this.dropper = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "contextuate-pruned-partitions");
            t.setDaemon(true);
            return t;
        });
    }

    /** Drops every detached partition soon, on the dropping thread; one drop at a time covers every prune before it. */
    void dropSoon() {
        if (queued.compareAndSet(false, true)) {
            try {
                dropper.execute(this::dropNow);
            } catch (RejectedExecutionException e) {
                queued.set(false); // closed: the next store to open drops them
            }
        }
    }

    private void dropNow() {
        queued.set(false);
        long t0 = System.nanoTime();
        try {
            int n = jdbi.withHandle(h -> h.createQuery(drop).mapTo(Integer.class).one());
            if (n > 0) {
                LOG.debug("Dropped {} pruned partition(s) of {} in {} ms", n, where,
                        (System.nanoTime() - t0) / 1_000_000);
            }
        } catch (RuntimeException e) {
            LOG.warn("Dropping the partitions a prune detached at {} failed ({}); they are dropped when a store of"
                    + " these tables next opens or prunes", where, e.getMessage());
        }
    }

    /** Waits up to {@link #CLOSE_WAIT} for a drop under way, then stops the dropping thread. */
    @Override
    public void close() {
        dropper.shutdown();
        try {
            if (!dropper.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("Closing {} before the pruned partitions were dropped; a store of these tables drops them"
                        + " when it next opens", where);
                dropper.shutdownNow();
            }
        } catch (InterruptedException e) {
            dropper.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
