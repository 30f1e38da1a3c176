package io.contextuate.monitor.sql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.ManagedSchema;
import io.contextuate.monitor.spi.RetryPolicy;
import io.contextuate.monitor.spi.SchemaStatus;
import io.contextuate.monitor.spi.StoreUnavailableException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * A SQL store's versioned schema, applied with Flyway from migrations inside the backend's jar. The history table is
 * {@code <prefix>schema_history} in the store's own schema, so applications sharing a server never see each other's
 * history; Flyway's lock, inside the backend's {@link SchemaLock} when it gives one, makes concurrent applies run
 * each migration once. Migrations see the placeholders {@code ${prefix}} and {@code ${schema}} (plus the backend's
 * own).
 */
public final class FlywaySchema implements ManagedSchema {

    /** Two processes starting a fresh history race for a few seconds at most. */
    private static final RetryPolicy HISTORY_RACE = RetryPolicy.within(java.time.Duration.ofSeconds(5))
            .withDelays(java.time.Duration.ofMillis(250), java.time.Duration.ofSeconds(1));

    private final DataSource dataSource;
    private final SqlTables tables;
    private final String location;
    private final ClassLoader loader;
    private final Map<String, String> placeholders;
    private final SchemaAdoption adoption;
    private final SchemaLock lock;
    private final String where;

    /**
     * @param dataSource   a data source whose user may run DDL (for {@link #apply()})
     * @param tables       schema and prefix
     * @param location     the migrations' class path folder, e.g. {@code db/postgresql}
     * @param loader       the class loader that sees the backend's jar
     * @param placeholders the backend's own placeholders (may be empty)
     * @param adoption     how to take over a seed-made database, or {@code null}
     * @param where        where the schema lives, for people (no password)
     */
    public FlywaySchema(DataSource dataSource, SqlTables tables, String location, ClassLoader loader,
                        Map<String, String> placeholders, SchemaAdoption adoption, String where) {
        this(dataSource, tables, location, loader, placeholders, adoption, SchemaLock.NONE, where);
    }

    /**
     * @param dataSource   a data source whose user may run DDL (for {@link #apply()})
     * @param tables       schema and prefix
     * @param location     the migrations' class path folder, e.g. {@code db/postgresql}
     * @param loader       the class loader that sees the backend's jar
     * @param placeholders the backend's own placeholders (may be empty)
     * @param adoption     how to take over a seed-made database, or {@code null}
     * @param lock         held around {@link #apply()} and the migrations of {@link #ensureCurrent}; its wait is
     *                     the only one for another process's schema work ({@link SchemaLock#NONE}: Flyway's lock
     *                     alone)
     * @param where        where the schema lives, for people (no password)
     */
    public FlywaySchema(DataSource dataSource, SqlTables tables, String location, ClassLoader loader,
                        Map<String, String> placeholders, SchemaAdoption adoption, SchemaLock lock, String where) {
        this.lock = java.util.Objects.requireNonNull(lock, "lock");
        this.dataSource = dataSource;
        this.tables = tables;
        this.location = location;
        this.loader = loader;
        Map<String, String> all = new HashMap<>(placeholders);
        all.put("prefix", tables.prefix());
        all.put("schema", tables.schema() == null ? "" : tables.schema());
        this.placeholders = Map.copyOf(all);
        this.adoption = adoption;
        this.where = where;
    }

    private Flyway flyway(String baselineVersion) {
        FluentConfiguration c = Flyway.configure(loader)
                .dataSource(dataSource)
                .locations("classpath:" + location)
                .table(tables.history())
                .placeholders(placeholders)
                .baselineDescription("adopted upstream seed schema")
                .cleanDisabled(true);
        if (tables.schema() != null) {
            c.schemas(tables.schema()).defaultSchema(tables.schema()).createSchemas(true);
        }
        if (baselineVersion != null) {
            c.baselineVersion(baselineVersion);
        }
        return c.load();
    }

    /**
     * The Flyway that migrates. Other applications' tables (or another prefix's) may share the database: when this
     * prefix has no history yet, the history starts at version 0 instead of Flyway refusing a non-empty schema.
     */
    private Flyway migrator() {
        return Flyway.configure(loader).configuration(flyway("0").getConfiguration())
                .baselineOnMigrate(true).baselineDescription("history started").load();
    }

    /**
     * Applies pending migrations. Flyway's lock makes concurrent migrations safe, but two processes starting the
     * history of a fresh database at the same moment can make one of them fail its baseline; such a failure is
     * checked against the status (the other process may have finished the work) and tried again for a few seconds.
     * A server that cannot be reached is not waited for here: that is the owner's decision.
     */
    private void migrate() {
        HISTORY_RACE.call("applying the schema migrations at " + where, () -> {
            try {
                migrator().migrate();
            } catch (FlywayException e) {
                if (unreachable(e)) {
                    throw e;
                }
                SchemaStatus now = status();
                if (!now.upToDate() || now.currentVersion() == null) {
                    throw e;
                }
            }
            return null;
        }, e -> e instanceof FlywayException && !unreachable(e), RetryPolicy.Observer.NONE);
    }

    @Override
    public SchemaStatus status() {
        try {
            MigrationInfoService info = flyway(null).info(); // one look at the history table
            MigrationInfo current = info.current();
            List<String> pending = Arrays.stream(info.pending())
                    .map(m -> m.getVersion() + " " + m.getDescription()).toList();
            List<String> notes = new ArrayList<>();
            if (current == null && adoption != null && seedLayoutPresent()) {
                notes.add("this database was made with the upstream seed script: `schema apply` converts it in"
                        + " place, keeping every row");
            }
            return new SchemaStatus(where, current == null ? null : current.getVersion().getVersion(), pending, notes);
        } catch (FlywayException e) {
            throw failure("reading the schema status", e);
        }
    }

    @Override
    public SchemaStatus apply() {
        try (SchemaLock.Held held = hold("applying the schema at " + where)) {
            if (flyway(null).info().current() == null && adoption != null && seedLayoutPresent()) {
                try (Connection c = dataSource.getConnection()) {
                    adoption.adopt(c, tables);
                }
                flyway(adoption.baselineVersion()).baseline();
            }
            migrate();
            return status();
        } catch (FlywayException e) {
            throw failure("applying the schema", e);
        } catch (SQLException e) {
            throw new ConfigurationException("Converting the upstream-made database at " + where + " failed: "
                    + e.getMessage() + ". Nothing was baselined; fix the cause and run `contextuate-monitor schema"
                    + " apply` again.", e);
        }
    }

    /**
     * Brings the schema up to date when a store opens: applies pending migrations when {@code autoMigrate}, or
     * explains what to run when it may not (auto-migration off, a seed-made database, a user without DDL rights).
     */
    public void ensureCurrent(boolean autoMigrate) {
        SchemaStatus s = status();
        if (s.upToDate() && s.currentVersion() != null) {
            return;
        }
        if (!s.notes().isEmpty()) {
            throw new ConfigurationException("The database at " + where + " was made with the upstream seed"
                    + " script. Run `contextuate-monitor schema apply` as a privileged user to convert it in place"
                    + " (every row is kept).");
        }
        if (!autoMigrate) {
            throw new ConfigurationException("The schema at " + where + " is not up to date (pending: "
                    + String.join(", ", s.pending()) + ") and persistence.database.autoMigrate is false. Run"
                    + " `contextuate-monitor schema apply` as a privileged user.");
        }
        try (SchemaLock.Held held = hold("applying the schema migrations at " + where)) {
            migrate();
        } catch (FlywayException e) {
            throw new ConfigurationException("The schema at " + where + " needs migrations (" + String.join(", ",
                    s.pending()) + ") that could not be applied: " + rootMessage(e) + ". If this user has no DDL"
                    + " rights, run `contextuate-monitor schema apply` as a privileged user.", e);
        }
    }

    /** The migrations' SQL in version order, placeholders filled in; read from the jar, without a connection. */
    @Override
    public String script() {
        StringBuilder out = new StringBuilder();
        for (String name : migrationScripts()) {
            out.append("-- ").append(name).append('\n');
            out.append(substitute(read(location + "/" + name))).append("\n\n");
        }
        return out.toString();
    }

    /** The versioned migration files ({@code V<version>__<description>.sql}) in the location, in version order. */
    private List<String> migrationScripts() {
        URL folder = loader.getResource(location);
        if (folder == null) {
            throw new IllegalStateException("migrations folder " + location + " is not on the class path");
        }
        List<String> names = new ArrayList<>();
        try {
            if (folder.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) folder.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    String prefix = location + "/";
                    jar.stream().map(ZipEntry::getName)
                            .filter(n -> n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0)
                            .forEach(n -> names.add(n.substring(prefix.length())));
                }
            } else {
                try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                    files.forEach(f -> names.add(f.getFileName().toString()));
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the migrations in " + location, e);
        }
        return names.stream().filter(n -> n.matches("V[0-9._]+__.*\\.sql"))
                .sorted(Comparator.comparing(FlywaySchema::versionOf, FlywaySchema::compareVersions)).toList();
    }

    private static long[] versionOf(String script) {
        return Arrays.stream(script.substring(1, script.indexOf("__")).split("[._]"))
                .mapToLong(Long::parseLong).toArray();
    }

    private static int compareVersions(long[] a, long[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int c = Long.compare(i < a.length ? a[i] : 0, i < b.length ? b[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private boolean seedLayoutPresent() {
        try (Connection c = dataSource.getConnection()) {
            return adoption.detect(c, tables);
        } catch (SQLException e) {
            throw new StoreUnavailableException("Cannot inspect the database at " + where + ": " + e.getMessage(), e);
        }
    }

    private String read(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration " + resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + resource, e);
        }
    }

    private String substitute(String sql) {
        String out = sql;
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            out = out.replace("${" + p.getKey() + "}", p.getValue());
        }
        return out;
    }

    /**
     * The schema lock, a refused login or a missing database said as the pool says them at open (a configuration
     * error, exit 2), not as an outage: the lock may be the first to connect.
     */
    private SchemaLock.Held hold(String what) {
        try {
            return lock.acquire(what);
        } catch (RuntimeException e) {
            RuntimeException known = ConnectFailure.of(e).toException(where + " (taking the schema lock)",
                    rootMessage(e), e);
            throw known instanceof ConfigurationException ? known : e;
        }
    }

    /** A failure of Flyway's, classified as the pool classifies one at open, so every command exits alike. */
    private RuntimeException failure(String what, FlywayException e) {
        String why = rootMessage(e);
        RuntimeException known = ConnectFailure.of(e).toException(where + " (" + what + ")", why, e);
        return known != null ? known : new ConfigurationException(what + " at " + where + " failed: " + why, e);
    }

    /** Whether the failure says the server could not be reached (a connection error, not a refusal). */
    private static boolean unreachable(Throwable e) {
        return ConnectFailure.of(e) == ConnectFailure.UNREACHABLE;
    }

    private static String rootMessage(Throwable e) {
        return ConnectionPool.rootMessage(e);
    }
}
