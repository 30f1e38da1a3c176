package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.ManagedSchema;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreProvider;
import io.contextuate.monitor.spi.StoreUnavailableException;
import io.contextuate.monitor.sql.ConnectionPool;
import io.contextuate.monitor.sql.DatabaseSettings;
import io.contextuate.monitor.sql.FlywaySchema;
import io.contextuate.monitor.sql.SqlMonitorStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The MySQL/MariaDB store ({@code persistence.type} {@code mysql} or {@code mariadb}): the generic SQL store over a
 * HikariCP pool and Connector/J, with this backend's statements, LOAD DATA (or multi-row INSERT) bulk writes and
 * Flyway migrations.
 * Tables live in {@code database.database} under {@code database.tablePrefix}.
 */
public final class MySqlStoreProvider implements StoreProvider {

    /** The migrations' folder on the class path; not a package name, so it is readable on the module path. */
    static final String MIGRATIONS = "db/mysql-migrations";
    static final int DEFAULT_PORT = 3306;
    static final String DEFAULT_DATABASE = "contextuate_monitor";
    /** The setting (under {@code persistence.database}) that turns the LOAD DATA bulk path off. */
    static final String LOAD_DATA = "loadData";

    private static final Logger LOG = LoggerFactory.getLogger(MySqlStoreProvider.class);

    @Override
    public int contractVersion() {
        return CONTRACT_VERSION;
    }

    @Override
    public String type() {
        return "mysql";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("mariadb");
    }

    @Override
    public String description() {
        return "MySQL 8.0+ or MariaDB 10.6+ (database.host/port/database or database.url; schema managed with Flyway)";
    }

    @Override
    public MonitorStore open(StoreContext context) {
        DatabaseSettings settings = DatabaseSettings.from(context, DEFAULT_PORT, DEFAULT_DATABASE);
        refusePartitioning(context);
        boolean loadData = loadData(context);
        MySqlConnectionSettings connection = MySqlConnectionSettings.of(settings, context.origin(), loadData);
        ConnectionPool pool = ConnectionPool.open(settings, connection.jdbcUrl(), connection.properties(),
                "contextuate-mysql", MySqlStoreProvider.class.getClassLoader());
        try {
            MySqlServer server = server(pool.dataSource(), settings);
            schema(settings, connection).ensureCurrent(settings.autoMigrate());
            return new SqlMonitorStore(pool.dataSource(), new MySqlDialect(server, loadData), settings.tables(),
                    where(settings, server), pool, context.problems());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Partitioned InnoDB tables can have no foreign keys, and the contract's cascade from sessions to events is one;
     * so this backend has one layout (docs/scaling.md) and says so rather than ignore the setting.
     */
    private static void refusePartitioning(StoreContext context) {
        String key = "database.partitioning";
        String value = context.settings().string(key).orElse("none");
        if (!"none".equalsIgnoreCase(value.trim())) {
            throw new ConfigurationException("persistence." + key + " " + context.origin() + " is '"
                    + value + "', but MySQL and MariaDB cannot partition a table that"
                    + " has foreign keys, which the events table needs; set it to none (partitioning is for"
                    + " PostgreSQL)");
        }
    }

    /**
     * {@code database.loadData} (default true): whether {@code saveEvents} may use {@code LOAD DATA LOCAL INFILE}
     * when the server allows it.
     */
    private static boolean loadData(StoreContext context) {
        return context.settings().flag("database." + LOAD_DATA).orElse(true);
    }

    @Override
    public Optional<ManagedSchema> schema(StoreContext context) {
        refusePartitioning(context); // `schema apply` and `schema partition` say so too, not only an open
        DatabaseSettings settings = DatabaseSettings.from(context, DEFAULT_PORT, DEFAULT_DATABASE);
        return Optional.of(schema(settings, MySqlConnectionSettings.of(settings, context.origin(), false)));
    }

    private static FlywaySchema schema(DatabaseSettings settings, MySqlConnectionSettings connection) {
        if (settings.tables().schema() != null) {
            throw new ConfigurationException("persistence.database.schema is not used by the mysql store: the "
                    + "tables live in persistence.database.database (use tablePrefix to share a database)");
        }
        DataSource unpooled = connection.unpooled(settings);
        String where = "MySQL " + settings.describe();
        return new FlywaySchema(unpooled, settings.tables(), MIGRATIONS, MySqlStoreProvider.class.getClassLoader(),
                Map.of(), new MySqlSeedAdoption(), new MySqlSchemaLease(unpooled, settings.tables(), where), where);
    }

    /** Finds out which server this is, refusing one this backend was not made for. */
    private static MySqlServer server(DataSource pool, DatabaseSettings settings) {
        try (Connection connection = pool.getConnection()) {
            MySqlServer server = MySqlServer.detect(connection);
            if (!server.supported()) {
                throw new ConfigurationException(server.describe() + " at " + settings.describe()
                        + " is too old: the mysql store needs MySQL 8.0+ or MariaDB 10.6+");
            }
            if (!server.enforcesChecks()) {
                LOG.warn("{} does not enforce CHECK constraints; the store keeps to them itself", server.describe());
            }
            LOG.debug("{}: {}, max_allowed_packet {} bytes, local_infile {}", settings.describe(),
                    server.describe(), server.maxAllowedPacket(), server.localInfile());
            return server;
        } catch (SQLException e) {
            throw new StoreUnavailableException("Cannot talk to " + settings.describe() + ": "
                    + settings.redact(e.getMessage()), e);
        }
    }

    private static String where(DatabaseSettings settings, MySqlServer server) {
        return server.describe() + " " + settings.describe();
    }
}
