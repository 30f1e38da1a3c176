package io.contextuate.monitor.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.contextuate.monitor.spi.StoreUnavailableException;
import io.contextuate.monitor.sql.internal.DriverDataSource;
import io.contextuate.monitor.sql.internal.JdbcDrivers;

import javax.sql.DataSource;
import java.sql.Driver;
import java.util.Properties;

/**
 * The connection pool of a SQL store, opened from its {@link DatabaseSettings} with the JDBC driver that the store's
 * own class loader finds (a plugin's driver lives in the plugin's class loader, where {@link java.sql.DriverManager}
 * does not look). A missing driver is a {@link io.contextuate.monitor.spi.ConfigurationException} naming the URL and
 * the class loaders searched; failing to reach the server at open is a {@link StoreUnavailableException} with the
 * driver's reason, the password masked. Close it with the store (pass it as the store's resources).
 */
public final class ConnectionPool implements AutoCloseable {

    private final HikariDataSource pool;

    private ConnectionPool(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Opens a pool and checks that one connection can be made.
     *
     * @param settings         the database settings
     * @param jdbcUrl          the vendor's JDBC URL for these settings
     * @param driverProperties vendor driver properties (the settings' own {@code properties} are added on top)
     * @param poolName         the pool's name in logs and JMX, e.g. {@code contextuate-postgresql}
     * @param driverLoader     where the driver is looked for first: the store provider's class loader
     */
    public static ConnectionPool open(DatabaseSettings settings, String jdbcUrl, Properties driverProperties,
                                      String poolName, ClassLoader driverLoader) {
        DataSource connections = unpooled(settings, jdbcUrl, driverProperties, driverLoader);
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setDataSource(connections);
        DatabaseSettings.Pool pool = settings.pool();
        config.setMaximumPoolSize(pool.maximumPoolSize());
        config.setMinimumIdle(Math.min(pool.minimumIdle(), pool.maximumPoolSize()));
        config.setConnectionTimeout(pool.connectionTimeout().toMillis());
        config.setIdleTimeout(pool.idleTimeout().toMillis());
        config.setMaxLifetime(pool.maxLifetime().toMillis());
        try {
            return new ConnectionPool(new HikariDataSource(config));
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("Cannot connect to " + settings.describe() + ": "
                    + settings.redact(rootMessage(e)) + ". Check that the database is running and reachable, and"
                    + " the user, password and database in persistence.database.", e);
        }
    }

    /**
     * Connections without a pool, from the same driver lookup: for schema work that must not borrow (or starve) the
     * store's pool.
     */
    public static DataSource unpooled(DatabaseSettings settings, String jdbcUrl, Properties driverProperties,
                                      ClassLoader driverLoader) {
        Driver driver = JdbcDrivers.find(jdbcUrl, driverLoader, settings.redact(jdbcUrl));
        Properties props = new Properties();
        props.putAll(driverProperties);
        props.putAll(settings.properties());
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        return new DriverDataSource(driver, jdbcUrl, props);
    }

    /** The pooled connections. */
    public DataSource dataSource() {
        return pool;
    }

    /** Closes every connection of the pool. */
    @Override
    public void close() {
        pool.close();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
