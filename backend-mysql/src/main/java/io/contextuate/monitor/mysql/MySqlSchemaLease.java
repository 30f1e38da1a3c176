package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.RetryPolicy;
import io.contextuate.monitor.spi.StoreUnavailableException;
import io.contextuate.monitor.sql.SchemaLock;
import io.contextuate.monitor.sql.SqlTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The MySQL backend's {@link SchemaLock}: a lease, one row of the table {@code <prefix>schema_lease}, that keeps two
 * processes from changing the same store's schema at once even when they talk to two nodes of a MariaDB Galera
 * cluster, where {@code GET_LOCK} holds on one node only (and Flyway, which sees {@code wsrep_on}, locks its history
 * table with {@code SELECT … FOR UPDATE} instead, a row lock that is local to the node too).
 * <p>
 * The lease is taken by a committed statement that only succeeds while the row is absent (an {@code INSERT}) or
 * expired (an {@code UPDATE … WHERE expires_at < now}); on one server the row lock serialises two takers, on Galera
 * certification lets one of two conflicting commits win and the other gets a deadlock error (or, after the server's
 * own retry of an autocommit statement, a duplicate key), which here means "held: wait and try again". The holder
 * renews the lease every third of its time to live while it works and deletes the row when done; a holder that was
 * killed blocks the others until its lease expires. Expiry is the server's UTC clock.
 * <p>
 * The table is made with {@code CREATE TABLE IF NOT EXISTS} (replicated in total order on Galera) the first time a
 * user with DDL rights takes the lease; a user without them can take the lease once it exists (it needs only
 * INSERT, UPDATE, DELETE), and is told to run {@code schema apply} as a privileged user when it does not.
 */
final class MySqlSchemaLease implements SchemaLock {

    /** How long a lease lasts unless renewed: how long a killed holder keeps others waiting at most. */
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);
    /** How long a taker waits for a lease held by another process, in total, before it gives up. */
    static final Duration WAIT = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(MySqlSchemaLease.class);
    private static final String CATALOG = "db/mysql-catalog/";
    private static final String NAME = "schema";
    /** Duplicate key, deadlock (a Galera certification conflict), lock wait timeout: another taker won. */
    private static final Set<Integer> TAKEN = Set.of(1062, 1213, 1205);
    /** Access denied for a table, a database, a user, or a missing privilege. */
    private static final Set<Integer> DENIED = Set.of(1142, 1044, 1045, 1227, 1370);

    private final DataSource dataSource;
    private final SqlTables tables;
    private final String where;
    private final Duration timeToLive;
    private final RetryPolicy waiting;

    /**
     * @param dataSource connections for the lease (its own, apart from the schema work's)
     * @param tables     the store's tables; the lease table carries their prefix
     * @param where      the database, for people (no password)
     */
    MySqlSchemaLease(DataSource dataSource, SqlTables tables, String where) {
        this(dataSource, tables, where, TIME_TO_LIVE, WAIT);
    }

    /** As above, with another time to live and total wait (tests). */
    MySqlSchemaLease(DataSource dataSource, SqlTables tables, String where, Duration timeToLive, Duration wait) {
        this.dataSource = dataSource;
        this.tables = tables;
        this.where = where;
        this.timeToLive = timeToLive;
        this.waiting = RetryPolicy.within(wait).withDelays(Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    /** The lease table's name. */
    String table() {
        return tables.prefix() + "schema_lease";
    }

    @Override
    public Held acquire(String what) {
        String holder = holderId();
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw failure("connecting to take the schema lease", e);
        }
        try {
            createTable(connection);
            waiting.call(what + " (waiting for the schema lease in " + table() + ")", () -> {
                tryTake(connection, holder);
                return null;
            }, e -> e instanceof Busy, RetryPolicy.Observer.NONE);
            return new Lease(connection, holder);
        } catch (Busy e) {
            close(connection);
            throw new StoreUnavailableException(what + ": another process has held the schema lease in " + table()
                    + " for the whole wait of " + waiting.budget().toSeconds() + " s (" + e.getMessage() + "). Run"
                    + " again when it is done; a holder that was killed releases it within "
                    + timeToLive.toSeconds() + " s.", e);
        } catch (RuntimeException e) {
            close(connection);
            throw e;
        }
    }

    private void createTable(Connection connection) {
        try {
            try (PreparedStatement exists = connection.prepareStatement(PrefixedSql.text(CATALOG
                    + "table-exists.sql"))) {
                exists.setString(1, table());
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next() && row.getLong(1) > 0) {
                        return;
                    }
                }
            }
            try (var create = connection.createStatement()) {
                create.execute(PrefixedSql.load(CATALOG + "lease-table.sql", tables));
            }
        } catch (SQLException e) {
            if (DENIED.contains(e.getErrorCode())) {
                throw new ConfigurationException("This user may not create the table " + table() + " in " + where
                        + " that keeps two processes from changing the schema at once. Run `contextuate-monitor"
                        + " schema apply` as a privileged user (it creates the table and the schema).", e);
            }
            throw failure("creating the schema lease table " + table(), e);
        }
    }

    /** Takes the lease or throws {@link Busy}; each statement commits on its own (autocommit). */
    private void tryTake(Connection connection, String holder) {
        try {
            try (PreparedStatement insert = connection.prepareStatement(sql("lease-insert.sql"))) {
                insert.setString(1, NAME);
                insert.setString(2, holder);
                insert.setLong(3, timeToLive.toSeconds());
                insert.executeUpdate();
                return;
            } catch (SQLException e) {
                if (!taken(e)) {
                    throw e;
                }
            }
            String expired = currentHolder(connection);
            try (PreparedStatement takeOver = connection.prepareStatement(sql("lease-take-over.sql"))) {
                takeOver.setString(1, holder);
                takeOver.setLong(2, timeToLive.toSeconds());
                takeOver.setString(3, NAME);
                if (takeOver.executeUpdate() == 1) {
                    LOG.warn("Took over the expired schema lease in {} of {} ({}): that process was killed or lost"
                            + " its connection", where, table(), expired);
                    return;
                }
            } catch (SQLException e) {
                if (!taken(e)) {
                    throw e;
                }
            }
            throw new Busy(currentHolder(connection));
        } catch (SQLException e) {
            if (DENIED.contains(e.getErrorCode())) {
                throw new ConfigurationException("This user may not write the schema lease table " + table() + " in "
                        + where + ". Run `contextuate-monitor schema apply` as a privileged user.", e);
            }
            throw failure("taking the schema lease", e);
        }
    }

    /** "held by H for N ms more" (or "released just now"), for people. */
    private String currentHolder(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql("lease-holder.sql"))) {
            select.setString(1, NAME);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return "released just now";
                }
                long left = row.getLong(2);
                return "held by " + row.getString(1) + (left >= 0 ? " for " + left + " ms more"
                        : ", expired " + -left + " ms ago");
            }
        } catch (SQLException e) {
            if (taken(e)) {
                return "held by another process";
            }
            throw e;
        }
    }

    private static boolean taken(SQLException e) {
        return TAKEN.contains(e.getErrorCode()) || "40001".equals(e.getSQLState());
    }

    private String sql(String resource) {
        return PrefixedSql.load(CATALOG + resource, tables);
    }

    private StoreUnavailableException failure(String doing, SQLException e) {
        boolean lost = e instanceof SQLNonTransientConnectionException || e instanceof SQLTransientConnectionException
                || e instanceof SQLRecoverableException
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
        return new StoreUnavailableException((lost ? "Lost the connection to " : "The server refused ") + where
                + " while " + doing + ": " + e.getMessage(), e);
    }

    private static String holderId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        String id = host + " pid " + ProcessHandle.current().pid() + " " + UUID.randomUUID();
        return id.length() <= 255 ? id : id.substring(id.length() - 255);
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the session ends either way
        }
    }

    /** The lease is held by another process; the message says by whom. */
    private static final class Busy extends RuntimeException {
        Busy(String holder) {
            super(holder, null, false, false);
        }
    }

    /** A held lease, renewed in the background until closed. */
    private final class Lease implements Held {

        private final String holder;
        private final ScheduledExecutorService renewer;
        private Connection connection; // guarded by this
        private boolean lost; // guarded by this
        private boolean closed; // guarded by this

        Lease(Connection connection, String holder) {
            this.connection = connection;
            this.holder = holder;
            this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "contextuate-schema-lease");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, timeToLive.toMillis() / 3);
            renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private synchronized void renew() {
            if (closed || lost) {
                return;
            }
            try {
                if (connection == null) {
                    connection = dataSource.getConnection();
                }
                try (PreparedStatement renew = connection.prepareStatement(sql("lease-renew.sql"))) {
                    renew.setLong(1, timeToLive.toSeconds());
                    renew.setString(2, NAME);
                    renew.setString(3, holder);
                    if (renew.executeUpdate() == 0) {
                        lost = true;
                        LOG.error("The schema lease in {} of {} expired and was taken by another process while this"
                                + " one was still changing the schema; run `contextuate-monitor schema status` when"
                                + " both are done", where, table());
                    }
                }
            } catch (SQLException e) {
                // the next renewal tries a new connection; the lease stays valid until it expires
                LOG.warn("Could not renew the schema lease in {}: {}", where, e.getMessage());
                if (connection != null) {
                    MySqlSchemaLease.close(connection);
                    connection = null;
                }
            }
        }

        @Override
        public void close() {
            renewer.shutdown(); // not shutdownNow: an interrupt could break the connection of a renewal in flight
            try {
                renewer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    if (connection == null) {
                        connection = dataSource.getConnection();
                    }
                    try (PreparedStatement release = connection.prepareStatement(sql("lease-release.sql"))) {
                        release.setString(1, NAME);
                        release.setString(2, holder);
                        if (release.executeUpdate() == 0 && !lost) {
                            LOG.warn("The schema lease in {} of {} had expired and been taken by another process"
                                    + " before it was released", where, table());
                        }
                    }
                } catch (SQLException e) {
                    LOG.warn("Could not release the schema lease in {} ({}); it expires within {} s", where,
                            e.getMessage(), timeToLive.toSeconds());
                } finally {
                    if (connection != null) {
                        MySqlSchemaLease.close(connection);
                        connection = null;
                    }
                }
            }
        }
    }
}
