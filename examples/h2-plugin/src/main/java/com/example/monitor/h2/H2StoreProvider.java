package com.example.monitor.h2;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.ManagedSchema;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreProvider;
import io.contextuate.monitor.sql.ConnectionPool;
import io.contextuate.monitor.sql.DatabaseSettings;
import io.contextuate.monitor.sql.FlywaySchema;
import io.contextuate.monitor.sql.SqlMonitorStore;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * An H2 store in a file ({@code persistence.type} {@code h2}; {@code persistence.database.path} names the file, or
 * {@code database.url} a {@code jdbc:h2:} URL): the generic SQL store over the shared pool, with H2's statements and
 * a Flyway schema from this jar.
 */
public final class H2StoreProvider implements StoreProvider {

    private static final String MIGRATIONS = "db/h2-migrations";

    @Override
    public int contractVersion() {
        return CONTRACT_VERSION; // compiled in: the loader checks it against the contract it provides
    }

    @Override
    public String type() {
        return "h2";
    }

    @Override
    public String description() {
        return "H2 in a file (database.path; example plugin on contextuate-monitor-sql)";
    }

    @Override
    public MonitorStore open(StoreContext context) {
        DatabaseSettings settings = DatabaseSettings.fromFileDatabase(context);
        String url = jdbcUrl(settings, context);
        ConnectionPool pool = ConnectionPool.open(settings, url, new Properties(), "contextuate-h2", loader());
        try {
            schema(settings, url).ensureCurrent(settings.autoMigrate());
            return new SqlMonitorStore(pool.dataSource(), new H2Dialect(), settings.tables(), where(settings), pool,
                    context.problems());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Override
    public Optional<ManagedSchema> schema(StoreContext context) {
        DatabaseSettings settings = DatabaseSettings.fromFileDatabase(context);
        return Optional.of(schema(settings, jdbcUrl(settings, context)));
    }

    private FlywaySchema schema(DatabaseSettings settings, String url) {
        return new FlywaySchema(ConnectionPool.unpooled(settings, url, new Properties(), loader()), settings.tables(),
                MIGRATIONS, loader(), Map.of(), null, where(settings));
    }

    private static String jdbcUrl(DatabaseSettings settings, StoreContext context) {
        if (settings.url() != null) {
            return settings.url();
        }
        if (settings.path() == null) {
            throw new ConfigurationException("persistence.database.path " + context.origin()
                    + " must name the H2 database file (or database.url a jdbc:h2: URL) for the h2 store");
        }
        // PostgreSQL mode for INSERT ... ON CONFLICT DO NOTHING
        return "jdbc:h2:file:" + settings.path() + ";MODE=PostgreSQL";
    }

    private static ClassLoader loader() {
        return H2StoreProvider.class.getClassLoader();
    }

    private static String where(DatabaseSettings settings) {
        return "H2 " + settings.describe();
    }
}
