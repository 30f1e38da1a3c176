package io.contextuate.monitor.sql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@code persistence.database} section of the configuration, read once and checked: where the database is (a
 * server's host, port and database; a JDBC URL; or, for a database in a file such as SQLite or H2, a path), who
 * connects, where the tables live, and how the pool behaves. The password is resolved from {@code password},
 * {@code passwordEnv} (the name of an environment variable) or {@code passwordFile}, and never appears in
 * {@link #toString()} or {@link #describe()}. A password written inside {@code url} (a {@code password=} parameter,
 * {@code user:password@}, the vendors' other secret parameters) is moved out of the URL into the password and the
 * driver properties when the settings are read, so the URL handed to the pool and the driver holds none.
 *
 * @param url           a JDBC URL given instead of host, port and database, or {@code null}
 * @param host          the server host
 * @param port          the server port
 * @param database      the database name
 * @param user          the user, or {@code null} for the driver's default
 * @param password      the resolved password, or {@code null}
 * @param tables        the schema and table prefix
 * @param autoMigrate   whether opening the store applies pending schema migrations
 * @param pool          connection pool sizing and timeouts
 * @param sslMode       the driver's SSL mode, or {@code null} for the driver's default
 * @param sslRootCert   a root certificate file, or {@code null}
 * @param connectTimeout how long to wait for a new connection to the server
 * @param socketTimeout  how long a statement may wait on the network, or zero for no limit
 * @param properties    extra driver properties, passed through as given
 * @param path          {@code database.path}: the file of a database without a server (SQLite, H2), resolved
 *                      against the configuration file's folder, or {@code null}
 * @param hosts         {@code database.hosts}: the servers of a primary with standbys or of a cluster, in place of
 *                      {@code host} and {@code port}; {@link DatabaseHosts#NONE} when not given
 */
public record DatabaseSettings(String url, String host, int port, String database, String user, String password,
                               SqlTables tables, boolean autoMigrate, Pool pool, String sslMode, String sslRootCert,
                               Duration connectTimeout, Duration socketTimeout, Map<String, String> properties,
                               Path path, DatabaseHosts hosts) {

    /** Connection pool settings ({@code persistence.database.pool.*}). */
    public record Pool(int maximumPoolSize, int minimumIdle, Duration connectionTimeout, Duration idleTimeout,
                       Duration maxLifetime) {
    }

    public DatabaseSettings {
        properties = Map.copyOf(properties);
        hosts = hosts == null ? DatabaseHosts.NONE : hosts;
    }

    /** Reads the {@code database} section of a store's context, with a vendor's default port and database. */
    public static DatabaseSettings from(StoreContext context, int defaultPort, String defaultDatabase) {
        return from(context, defaultPort, defaultDatabase, System::getenv);
    }

    /**
     * Reads the {@code database} section for a database without a server (SQLite, H2 in a file): no default port
     * or database name; such a store reads {@link #path()} (or {@link #url()}).
     */
    public static DatabaseSettings fromFileDatabase(StoreContext context) {
        return from(context, 0, null, System::getenv);
    }

    /** The same settings with the tables somewhere else (a backend's default schema made explicit, say). */
    public DatabaseSettings withTables(SqlTables newTables) {
        return new DatabaseSettings(url, host, port, database, user, password, newTables, autoMigrate, pool, sslMode,
                sslRootCert, connectTimeout, socketTimeout, properties, path, hosts);
    }

    static DatabaseSettings from(StoreContext context, int defaultPort, String defaultDatabase,
                                 UnaryOperator<String> env) {
        Database r = new Database(context.settings());
        String schema = r.string("schema").orElse(null);
        return JdbcUrlSecrets.lift(new DatabaseSettings(
                r.string("url").orElse(null),
                r.string("host").orElse("localhost"),
                r.integer("port").orElse(defaultPort),
                r.string("database").orElse(defaultDatabase),
                r.string("user").orElse(null),
                password(r, context, env),
                new SqlTables(schema == null || schema.isEmpty() ? null : schema, r.string("tablePrefix").orElse("")),
                r.bool("autoMigrate").orElse(true),
                new Pool(r.integer("pool.maximumPoolSize").orElse(10),
                        r.integer("pool.minimumIdle").orElse(1),
                        r.duration("pool.connectionTimeout").orElse(Duration.ofSeconds(30)),
                        r.duration("pool.idleTimeout").orElse(Duration.ofMinutes(10)),
                        r.duration("pool.maxLifetime").orElse(Duration.ofMinutes(30))),
                r.string("ssl.mode").orElse(null),
                r.string("ssl.rootCert").orElse(null),
                r.duration("connectTimeout").orElse(Duration.ofSeconds(10)),
                r.duration("socketTimeout").orElse(Duration.ZERO),
                r.table("properties"),
                r.string("path").map(given -> relativeToConfig(given, context)).orElse(null),
                DatabaseHosts.from(context, defaultPort)));
    }

    private static Path relativeToConfig(String given, StoreContext context) {
        Path path = Path.of(given);
        return path.isAbsolute() ? path : context.sourceFile()
                .map(source -> source.toAbsolutePath().getParent().resolve(path)).orElse(path.toAbsolutePath());
    }

    private static String password(Database r, StoreContext context, UnaryOperator<String> env) {
        String origin = context.origin();
        Optional<String> inline = r.string("password");
        Optional<String> fromEnv = r.string("passwordEnv");
        Optional<String> fromFile = r.string("passwordFile");
        if (fromEnv.isPresent()) {
            String value = env.apply(fromEnv.get());
            if (value == null) {
                throw new ConfigurationException("persistence.database.passwordEnv " + origin + " names the"
                        + " environment variable " + fromEnv.get() + ", which is not set");
            }
            return value;
        }
        if (fromFile.isPresent()) {
            Path given = Path.of(fromFile.get());
            Path file = given.isAbsolute() ? given : context.sourceFile()
                    .map(source -> source.toAbsolutePath().getParent().resolve(given)).orElse(given);
            try {
                String value = Files.readString(file, StandardCharsets.UTF_8);
                return value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                        : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
            } catch (IOException e) {
                throw new ConfigurationException("persistence.database.passwordFile " + origin + " cannot be read: "
                        + file + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        return inline.filter(s -> !s.isEmpty()).orElse(null);
    }

    /**
     * Replaces every secret in a text (a driver message, say) with {@code ****}: the password, the values of secret
     * driver properties, and any password a JDBC URL in the text holds.
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (password != null && !password.isEmpty()) {
            out = out.replace(password, "****");
        }
        for (Map.Entry<String, String> p : properties.entrySet()) {
            if (JdbcUrlSecrets.isSecretKey(p.getKey()) && !p.getValue().isEmpty()) {
                out = out.replace(p.getValue(), "****");
            }
        }
        return JdbcUrlSecrets.mask(out);
    }

    /**
     * The key ({@code ssl.mode}, {@code properties.NAME}) whose value a driver message quotes, when one does: the
     * setting the driver refused. Secret properties are never matched.
     */
    Optional<String> keyHeldIn(String message) {
        if (message == null) {
            return Optional.empty();
        }
        if (sslMode != null && sslMode.length() > 1 && message.contains(sslMode)) {
            return Optional.of("ssl.mode");
        }
        return properties.entrySet().stream()
                .filter(p -> !JdbcUrlSecrets.isSecretKey(p.getKey()) && p.getValue().length() > 1
                        && message.contains(p.getValue()))
                .map(p -> "properties." + p.getKey())
                .findFirst();
    }

    /**
     * Where the store is, for people: user, server (or servers) and database (or URL, or file) and tables, never the
     * password.
     */
    public String describe() {
        String where = url != null ? redact(url) : path != null ? "file " + path
                : (hosts.present() ? hosts.authority() : host + ":" + port) + "/" + database;
        return (user == null ? "" : user + "@") + where + " (" + tables.describe() + ")";
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + describe() + ", password " + (password == null ? "not set" : "****")
                + ", autoMigrate " + autoMigrate + ", pool " + pool + "]";
    }

    /** The keys of {@code persistence.database}, read by their names below it. */
    private record Database(StoreSettings settings) {

        Optional<String> string(String key) {
            return settings.string("database." + key);
        }

        Optional<Integer> integer(String key) {
            return settings.integer("database." + key);
        }

        Optional<Boolean> bool(String key) {
            return settings.flag("database." + key);
        }

        Optional<Duration> duration(String key) {
            return settings.duration("database." + key);
        }

        Map<String, String> table(String key) {
            return settings.table("database." + key);
        }
    }
}
