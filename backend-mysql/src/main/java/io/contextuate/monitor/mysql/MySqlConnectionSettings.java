package io.contextuate.monitor.mysql;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.sql.DatabaseHosts;
import io.contextuate.monitor.sql.DatabaseSettings;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * How Connector/J reaches the server for a store's {@link DatabaseSettings}: the JDBC URL ({@code database.url}, or
 * one made from host, port and database) and the driver properties: UTF-8 (utf8mb4) on the wire, strict SQL mode on
 * the session, affected-row counts that tell an inserted row from a duplicate, rewritten batches, the SSL mode and
 * timeouts, for the LOAD DATA bulk path a local-infile capability confined to an empty private directory, then
 * {@code database.properties} on top.
 *
 * @param jdbcUrl    the JDBC URL (may carry the user's own parameters, never a password we added)
 * @param properties the driver properties, without user and password
 */
record MySqlConnectionSettings(String jdbcUrl, Properties properties) {

    private static final String URL_PREFIX = "jdbc:mysql:";
    private static final String SRV_URL_PREFIX = "jdbc:mysql+srv:";
    /** Strict on both servers: a value that does not fit is an error, never silently cut or converted. */
    static final String SQL_MODE = "STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
            + "NO_ENGINE_SUBSTITUTION";

    /** The connection settings of a store that does not use LOAD DATA (schema work). */
    static MySqlConnectionSettings of(DatabaseSettings settings, String origin) {
        return of(settings, origin, false);
    }

    /**
     * The connection settings of a store.
     *
     * @param loadData whether the connections may run {@code LOAD DATA LOCAL INFILE} from a stream
     *                 ({@link LoadDataEventInsert}): the driver then announces the capability, and any file the
     *                 server asks for outside that statement is looked up in an empty private directory, so no
     *                 client file can be read
     *                 <p>
     *                 {@code database.hosts} (when given, and no {@code database.url}) becomes Connector/J's
     *                 multi-host URL in failover mode: every connection goes to the first host that answers, in the
     *                 order given, and stays writable after a failover ({@code failOverReadOnly=false}), which is
     *                 what a Galera cluster needs (one node takes the writes; another takes over when it goes).
     */
    static MySqlConnectionSettings of(DatabaseSettings settings, String origin, boolean loadData) {
        DatabaseHosts hosts = settings.hosts();
        String url = settings.url() != null ? settings.url()
                : hosts.present() ? urlOf(hosts.authority(), settings) : urlOf(settings);
        if (!url.startsWith(URL_PREFIX) && !url.startsWith(SRV_URL_PREFIX)) {
            throw new ConfigurationException("persistence.database.url " + origin + " must start with " + URL_PREFIX
                    + " for the mysql store (Connector/J serves MySQL and MariaDB alike)");
        }
        Properties p = new Properties();
        p.setProperty("useUnicode", "true");
        p.setProperty("characterEncoding", "UTF-8");
        if (loadData) {
            // every warning of a LOAD DATA chunk (up to 10,000 rows) must be listed to tell duplicates from others
            p.setProperty("sessionVariables", "sql_mode='" + SQL_MODE + "',max_error_count=65535");
            p.setProperty("allowLoadLocalInfileInPath", NoClientFiles.directory().toString());
        } else {
            p.setProperty("sessionVariables", "sql_mode='" + SQL_MODE + "'");
        }
        // ON DUPLICATE KEY UPDATE id = id then counts 0 for a duplicate, 1 for a new row
        p.setProperty("useAffectedRows", "true");
        p.setProperty("rewriteBatchedStatements", "true");
        p.setProperty("cachePrepStmts", "true");
        p.setProperty("prepStmtCacheSize", "250");
        p.setProperty("prepStmtCacheSqlLimit", "32768"); // the bulk path's multi-row INSERT
        p.setProperty("useLocalSessionState", "true");
        p.setProperty("elideSetAutoCommits", "true");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("connectionAttributes", "program_name:contextuate-monitor");
        if (settings.sslMode() != null) {
            p.setProperty("sslMode", sslMode(settings.sslMode(), origin));
        }
        if (settings.sslRootCert() != null) {
            p.setProperty("trustCertificateKeyStoreUrl", "file:" + settings.sslRootCert());
        }
        p.setProperty("connectTimeout", millis(settings.connectTimeout()));
        p.setProperty("socketTimeout", millis(settings.socketTimeout()));
        // a store writes: after a failover (database.hosts, or a multi-host database.url) the connection stays
        // writable; with one host the setting has no effect
        p.setProperty("failOverReadOnly", "false");
        p.putAll(settings.properties());
        return new MySqlConnectionSettings(url, p);
    }

    /** A data source without a pool, for schema work that must not borrow (or starve) the store's pool. */
    DataSource unpooled(DatabaseSettings settings) {
        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setURL(jdbcUrl);
        try {
            dataSource.initializeProperties(properties);
        } catch (RuntimeException e) {
            throw new ConfigurationException("persistence.database.properties holds a value the MySQL driver "
                    + "refuses: " + e.getMessage(), e);
        }
        if (settings.user() != null) {
            dataSource.setUser(settings.user());
        }
        if (settings.password() != null) {
            dataSource.setPassword(settings.password());
        }
        return dataSource;
    }

    /** Connector/J's names, also accepting the libpq-style names the PostgreSQL store takes. */
    private static String sslMode(String mode, String origin) {
        String normalized = mode.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        Map<String, String> aliases = Map.of("DISABLE", "DISABLED", "PREFER", "PREFERRED", "REQUIRE", "REQUIRED",
                "VERIFY_FULL", "VERIFY_IDENTITY");
        normalized = aliases.getOrDefault(normalized, normalized);
        if (!java.util.Set.of("DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY")
                .contains(normalized)) {
            throw new ConfigurationException("persistence.database.ssl.mode " + origin + " must be one of DISABLED, "
                    + "PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY; found '" + mode + "'");
        }
        return normalized;
    }

    private static String urlOf(DatabaseSettings s) {
        String host = s.host().contains(":") && !s.host().startsWith("[") ? "[" + s.host() + "]" : s.host();
        return urlOf(host + ":" + s.port(), s);
    }

    private static String urlOf(String authority, DatabaseSettings s) {
        return URL_PREFIX + "//" + authority + "/"
                + URLEncoder.encode(s.database(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String millis(Duration d) {
        return d.isNegative() ? "0" : String.valueOf(d.toMillis());
    }

}
