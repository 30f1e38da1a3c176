package io.contextuate.monitor.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.contextuate.monitor.spi.StoreUnavailableException;

import java.util.Properties;

/**
 * Opens the HikariCP pool of a SQL store from its {@link DatabaseSettings}. Failing to reach the server at open is
 * reported as {@link StoreUnavailableException} with the driver's reason, the password redacted.
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
        config.setMaximumPoolSize(pool.maximumPoolSize());
        config.setMinimumIdle(Math.min(pool.minimumIdle(), pool.maximumPoolSize()));
        config.setConnectionTimeout(pool.connectionTimeout().toMillis());
        config.setIdleTimeout(pool.idleTimeout().toMillis());
        config.setMaxLifetime(pool.maxLifetime().toMillis());
        Properties props = new Properties();
        props.putAll(driverProperties);
        props.putAll(settings.properties());
        config.setDataSourceProperties(props);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("Cannot connect to " + settings.describe() + ": "
                    + settings.redact(rootMessage(e)) + ". Check that the server is running and reachable, and the"
                    + " user, password and database in persistence.database.", e);
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
