package io.contextuate.monitor.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.StoreUnavailableException;

import java.util.Properties;

/**
 * Opens the HikariCP pool of a SQL store from its {@link DatabaseSettings}. Failing to connect at open is reported by
 * its kind, with the driver's reason and the password redacted: a server that cannot be reached as
 * {@link StoreUnavailableException}; a refused login, a missing database, a pool or driver setting that is refused
 * as {@link ConfigurationException} naming what to change.
 */
public final class ConnectionPool {

    private ConnectionPool() {
    }

    /**
     * Opens a pool and checks that one connection can be made.
     *
     * @param settings         the database settings
     * @param jdbcUrl          the vendor's JDBC URL for these settings
     * @param driverProperties vendor driver properties (the settings' own {@code properties} are added on top)
     * @param poolName         the pool's name in logs and JMX, e.g. {@code contextuate-postgresql}
     */
    public static HikariDataSource open(DatabaseSettings settings, String jdbcUrl, Properties driverProperties,
                                        String poolName) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(jdbcUrl);
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        DatabaseSettings.Pool pool = settings.pool();
        poolSetting("maximumPoolSize", pool.maximumPoolSize(), () -> config.setMaximumPoolSize(pool.maximumPoolSize()));
        poolSetting("minimumIdle", pool.minimumIdle(),
                () -> config.setMinimumIdle(Math.min(pool.minimumIdle(), pool.maximumPoolSize())));
        poolSetting("connectionTimeout", pool.connectionTimeout(),
                () -> config.setConnectionTimeout(pool.connectionTimeout().toMillis()));
        poolSetting("idleTimeout", pool.idleTimeout(), () -> config.setIdleTimeout(pool.idleTimeout().toMillis()));
        poolSetting("maxLifetime", pool.maxLifetime(), () -> config.setMaxLifetime(pool.maxLifetime().toMillis()));
        Properties props = new Properties();
        props.putAll(driverProperties);
        props.putAll(settings.properties());
        config.setDataSourceProperties(props);
        try {
            return new HikariDataSource(config);
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

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
