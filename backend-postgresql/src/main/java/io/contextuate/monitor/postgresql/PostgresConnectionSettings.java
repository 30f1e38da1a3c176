package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.sql.DatabaseHosts;
import io.contextuate.monitor.sql.DatabaseSettings;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * How pgjdbc reaches the server for a store's {@link DatabaseSettings}: the JDBC URL ({@code database.url}, or one
 * made from host, port and database) and the driver properties (SSL mode and root certificate, timeouts, then
 * {@code database.properties} on top).
 *
 * @param jdbcUrl    the JDBC URL (may carry the user's own parameters, never a password we added)
 * @param properties the driver properties, without user and password
 */
record PostgresConnectionSettings(String jdbcUrl, Properties properties) {

    private static final String URL_PREFIX = "jdbc:postgresql:";

    /**
     * The connection settings of a store, with {@code database.hosts} (when given, and no {@code database.url})
     * as a multi-host URL. With more than one host, by either way, pgjdbc is told {@code targetServerType=primary}
     * unless the user chose otherwise, so writes never go to a standby.
     */
    static PostgresConnectionSettings of(DatabaseSettings settings, String origin) {
        DatabaseHosts hosts = settings.hosts();
        String url = settings.url() != null ? settings.url()
                : hosts.present() ? urlOf(hosts.authority(), settings) : urlOf(settings);
        if (!url.startsWith(URL_PREFIX)) {
            throw new ConfigurationException("persistence.database.url " + origin + " must start with " + URL_PREFIX
                    + " for the postgresql store");
        }
        Properties p = new Properties();
        p.setProperty("ApplicationName", "contextuate-monitor");
        p.setProperty("tcpKeepAlive", "true");
        if (settings.sslMode() != null) {
            p.setProperty("sslmode", settings.sslMode());
        }
        if (settings.sslRootCert() != null) {
            p.setProperty("sslrootcert", settings.sslRootCert());
        }
        p.setProperty("connectTimeout", seconds(settings.connectTimeout()));
        p.setProperty("socketTimeout", seconds(settings.socketTimeout()));
        if (multiHost(url) && !url.contains("targetServerType=")) {
            p.setProperty("targetServerType", "primary");
        }
        p.putAll(settings.properties());
        return new PostgresConnectionSettings(url, p);
    }

    /** A data source without a pool, for schema work that must not borrow (or starve) the store's pool. */
    DataSource unpooled(DatabaseSettings settings) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        for (Map.Entry<Object, Object> e : properties.entrySet()) {
            try {
                ds.setProperty(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
            } catch (SQLException unknown) {
                throw new ConfigurationException("persistence.database.properties names " + e.getKey()
                        + ", which the PostgreSQL driver does not know", unknown);
            }
        }
        if (settings.user() != null) {
            ds.setUser(settings.user());
        }
        if (settings.password() != null) {
            ds.setPassword(settings.password());
        }
        return ds;
    }

    private static String urlOf(DatabaseSettings s) {
        String host = s.host().contains(":") && !s.host().startsWith("[") ? "[" + s.host() + "]" : s.host();
        return urlOf(host + ":" + s.port(), s);
    }

    private static String urlOf(String authority, DatabaseSettings s) {
        return URL_PREFIX + "//" + authority + "/"
                + URLEncoder.encode(s.database(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Whether the URL's authority (between // and the next /) names more than one host. */
    private static boolean multiHost(String url) {
        int start = url.indexOf("//");
        if (start < 0) {
            return false;
        }
        int end = url.indexOf('/', start + 2);
        String authority = url.substring(start + 2, end < 0 ? url.length() : end);
        return authority.contains(",");
    }

    /** pgjdbc takes whole seconds; a positive duration below one second still means "a limit". */
    private static String seconds(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return "0";
        }
        return String.valueOf(Math.max(1, d.toSeconds()));
    }
}
