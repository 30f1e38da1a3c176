package io.contextuate.monitor.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.StoreUnavailableException;
import io.contextuate.monitor.sql.internal.DriverDataSource;
import io.contextuate.monitor.sql.internal.JdbcDrivers;

import javax.sql.DataSource;
import java.sql.Driver;
import java.util.Properties;

/**
 * The connection pool of a SQL store, opened from its {@link DatabaseSettings} with the JDBC driver that the store's
 * own class loader finds (a plugin's driver lives in the plugin's class loader, where {@link java.sql.DriverManager}
 * does not look). A missing driver is a {@link ConfigurationException} naming the URL and the class loaders
 * searched. Failing to connect at open is reported by its kind, with the driver's reason and the password redacted:
 * a server that cannot be reached as {@link StoreUnavailableException}; a refused login, a missing database, a pool
 * or driver setting that is refused as {@link ConfigurationException} naming what to change. Close it with the
 * store (pass it as the store's resources).
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
        poolSetting("maximumPoolSize", pool.maximumPoolSize(), () -> config.setMaximumPoolSize(pool.maximumPoolSize()));
        poolSetting("minimumIdle", pool.minimumIdle(),
                () -> config.setMinimumIdle(Math.min(pool.minimumIdle(), pool.maximumPoolSize())));
        poolSetting("connectionTimeout", pool.connectionTimeout(),
                () -> config.setConnectionTimeout(pool.connectionTimeout().toMillis()));
        poolSetting("idleTimeout", pool.idleTimeout(), () -> config.setIdleTimeout(pool.idleTimeout().toMillis()));
        poolSetting("maxLifetime", pool.maxLifetime(), () -> config.setMaxLifetime(pool.maxLifetime().toMillis()));
        try {
            return new ConnectionPool(new HikariDataSource(config));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("persistence.database.pool cannot be used as written: "
                    + settings.redact(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw failure(settings, e);
        }
    }

    /** A failure to connect, as the exception its kind calls for, the password redacted. */
    static RuntimeException failure(DatabaseSettings settings, RuntimeException e) {
        String where = settings.describe();
        String why = settings.redact(rootMessage(e));
        RuntimeException known = ConnectFailure.of(e).toException(where, why, e);
        if (known != null) {
            return known;
        }
        return settings.keyHeldIn(why)
                .<RuntimeException>map(key -> new ConfigurationException("persistence.database." + key
                        + " was refused by the driver: " + why, e))
                .orElseGet(() -> new StoreUnavailableException("Cannot connect to " + where + ": " + why, e));
    }

    /** Applies one pool setting; what HikariCP refuses is a configuration error naming the key and the value. */
    private static void poolSetting(String key, Object value, Runnable apply) {
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("persistence.database.pool." + key + " cannot be " + value + ": "
                    + e.getMessage(), e);
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
