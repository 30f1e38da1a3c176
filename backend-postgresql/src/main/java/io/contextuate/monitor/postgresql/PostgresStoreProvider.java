package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.ManagedSchema;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreProvider;
import io.contextuate.monitor.sql.ConnectionPool;
import io.contextuate.monitor.sql.DatabaseSettings;
import io.contextuate.monitor.sql.FlywaySchema;
import io.contextuate.monitor.sql.SqlMonitorStore;
import io.contextuate.monitor.sql.SqlTables;

import javax.sql.DataSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The PostgreSQL store ({@code persistence.type} {@code postgresql}, {@code postgres} or {@code pg}): the generic SQL
 * store over a HikariCP pool, with this backend's statements, COPY bulk path and Flyway migrations. Tables live in
 * {@code database.schema} (default {@code public}) under {@code database.tablePrefix}.
 */
public final class PostgresStoreProvider implements StoreProvider {

    /** The migrations' folder on the class path; not a package name, so it is readable on the module path. */
    static final String MIGRATIONS = "db/postgresql-migrations";
    static final int DEFAULT_PORT = 5432;
    static final String DEFAULT_DATABASE = "contextuate_monitor";
    static final String DEFAULT_SCHEMA = "public";

    @Override
    public int contractVersion() {
        return CONTRACT_VERSION;
    }

    @Override
    public String type() {
        return "postgresql";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("postgres", "pg");
    }

    @Override
    public String description() {
        return "PostgreSQL 12+ (database.host/port/database or database.url; schema managed with Flyway)";
    }

    @Override
    public MonitorStore open(StoreContext context) {
        DatabaseSettings settings = settings(context);
        PostgresConnectionSettings connection = PostgresConnectionSettings.of(settings, context.origin());
        ConnectionPool pool = ConnectionPool.open(settings, connection.jdbcUrl(), connection.properties(),
                "contextuate-postgresql", PostgresStoreProvider.class.getClassLoader());
        try {
            EventPartitions partitions = schema(settings, connection, Partitioning.from(context))
                    .ensureCurrent(settings.autoMigrate()).orElse(null);
            if (partitions == null) {
                return new SqlMonitorStore(pool.dataSource(), new PostgresDialect(settings.tables()),
                        settings.tables(), where(settings), pool, context.problems());
            }
            PrunedPartitions pruned = new PrunedPartitions(pool.dataSource(), settings.tables(), where(settings));
            AutoCloseable resources = () -> {
                try (pool) {
                    pruned.close();
                }
            };
            SqlMonitorStore store = new SqlMonitorStore(pool.dataSource(),
                    new PartitionedPostgresDialect(settings.tables(), partitions, pruned), settings.tables(),
                    where(settings), resources, context.problems());
            pruned.dropSoon(); // what a store stopped before its drop left
            return store;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Override
    public Optional<ManagedSchema> schema(StoreContext context) {
        DatabaseSettings settings = settings(context);
        return Optional.of(schema(settings, PostgresConnectionSettings.of(settings, context.origin()),
                Partitioning.from(context)));
    }

    private static PartitionedSchema schema(DatabaseSettings settings, PostgresConnectionSettings connection,
                                            Partitioning partitioning) {
        DataSource unpooled = connection.unpooled(settings);
        FlywaySchema flyway = new FlywaySchema(unpooled, settings.tables(), MIGRATIONS,
                PostgresStoreProvider.class.getClassLoader(), Map.of(), new UpstreamSeedAdoption(), where(settings));
        return new PartitionedSchema(flyway, unpooled, settings.tables(), partitioning, where(settings));
    }

    private static String where(DatabaseSettings settings) {
        return "PostgreSQL " + settings.describe();
    }

    /** The settings, with the schema made explicit so every name in the SQL is qualified. */
    private static DatabaseSettings settings(StoreContext context) {
        DatabaseSettings s = DatabaseSettings.from(context, DEFAULT_PORT, DEFAULT_DATABASE);
        if (s.tables().schema() != null) {
            return s;
        }
        return s.withTables(new SqlTables(DEFAULT_SCHEMA, s.tables().prefix()));
    }
}
