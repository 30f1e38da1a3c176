package io.contextuate.monitor.mysql;

import io.contextuate.monitor.sql.SchemaAdoption;
import io.contextuate.monitor.sql.SqlTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Takes over a database made with the upstream seed's {@code mysql-schema.sql} ({@code sessions} and {@code events},
 * no migration history), converting it in place into schema version 1 and keeping every row: ids re-collated to
 * compare exactly, the seed's CHECK lists of 10 event and 5 hook types replaced by the full ones (values outside them
 * moved to the {@code _other} columns), the missing columns added, events keyed by (session, id) and numbered in the
 * order they were stored, references to missing sessions kept through placeholder rows. MySQL DDL is not
 * transactional, so each step is guarded and an adoption cut short can simply be run again. Two processes never
 * convert at once: {@code FlywaySchema} calls {@link #adopt} under the schema lease ({@link MySqlSchemaLease}), which
 * holds across the nodes of a Galera cluster where {@code GET_LOCK} would not.
 */
final class MySqlSeedAdoption implements SchemaAdoption {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlSeedAdoption.class);
    private static final String SCRIPTS = "db/mysql-adoption/";
    private static final List<String> SEED_SESSION_INDEXES =
            List.of("idx_status", "idx_parent_session_id", "idx_start_time", "idx_hidden_status", "idx_pinned");
    private static final List<String> SEED_EVENT_INDEXES = List.of("idx_session_timestamp", "idx_timestamp",
            "idx_event_type", "idx_machine_timestamp", "idx_parent_session");
    private static final List<String> DATA_STEPS = List.of("20-number-events.sql", "21-fill-session-timestamps.sql",
            "22-fill-event-timestamps.sql", "23-move-unknown-statuses.sql", "24-move-unknown-event-types.sql",
            "25-move-unknown-hook-types.sql", "30-add-missing-parents.sql", "31-add-missing-event-sessions.sql");

    @Override
    public boolean detect(Connection connection, SqlTables tables) throws SQLException {
        MySqlCatalog catalog = new MySqlCatalog(connection, MySqlServer.detect(connection));
        // tables before history: a store being created at this moment makes its history first, so one seen with
        // its tables already has a history by the second look and is not taken for a seed
        return catalog.hasTable(tables.sessions()) && catalog.hasTable(tables.events())
                && !catalog.hasTable(tables.history());
    }

    @Override
    public void adopt(Connection connection, SqlTables tables) throws SQLException {
        MySqlCatalog catalog = new MySqlCatalog(connection, MySqlServer.detect(connection));
        if (detect(connection, tables)) {
            convert(catalog, tables);
        }
    }

    @Override
    public String baselineVersion() {
        return "1";
    }

    private void convert(MySqlCatalog catalog, SqlTables tables) throws SQLException {
        String sessions = tables.sessions();
        String events = tables.events();
        String prefix = tables.prefix();
        LOG.info("Adopting the upstream seed schema in {} (tables {} and {})", catalog.database(), sessions, events);
        boolean sessionsConstrained = catalog.hasConstraint(sessions, prefix + "chk_sessions_status");
        boolean eventsConstrained = catalog.hasConstraint(events, prefix + "chk_events_event_type");
        dropSeedConstraints(catalog, sessions, sessionsConstrained, SEED_SESSION_INDEXES, prefix,
                prefix + "fk_sessions_parent");
        dropSeedConstraints(catalog, events, eventsConstrained, SEED_EVENT_INDEXES, prefix,
                prefix + "fk_events_session");
        if (!catalog.hasColumn(sessions, "is_placeholder")) {
            run(catalog, "10-convert-sessions.sql", tables);
        }
        if (!catalog.hasColumn(events, "seq")) {
            run(catalog, "11-convert-events.sql", tables);
        }
        for (String step : DATA_STEPS) {
            run(catalog, step, tables);
        }
        if (!sessionsConstrained) {
            run(catalog, "40-constrain-sessions.sql", tables);
        }
        if (!eventsConstrained) {
            run(catalog, "41-constrain-events.sql", tables);
        }
    }

    /** Drops the seed's foreign keys, checks and indexes, which version 1 defines again under its own names. */
    private static void dropSeedConstraints(MySqlCatalog catalog, String table, boolean alreadyConstrained,
                                            List<String> seedIndexes, String prefix, String ownForeignKey)
            throws SQLException {
        for (String foreignKey : catalog.foreignKeys(table)) {
            if (!foreignKey.equals(ownForeignKey)) {
                catalog.dropForeignKey(table, foreignKey);
            }
        }
        if (alreadyConstrained) {
            return;
        }
        for (String check : catalog.checks(table)) {
            catalog.dropCheck(table, check);
        }
        List<String> present = catalog.indexes(table);
        for (String index : seedIndexes) {
            Set<String> names = new LinkedHashSet<>(List.of(index, prefix + index));
            for (String name : names) {
                if (present.contains(name)) {
                    catalog.dropIndex(table, name);
                }
            }
        }
    }

    private static void run(MySqlCatalog catalog, String script, SqlTables tables) throws SQLException {
        LOG.debug("Adoption step {}", script);
        catalog.execute(PrefixedSql.load(SCRIPTS + script, tables));
    }
}
