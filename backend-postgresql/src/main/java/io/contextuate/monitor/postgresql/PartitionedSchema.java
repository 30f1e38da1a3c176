package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.ManagedSchema;
import io.contextuate.monitor.spi.SchemaStatus;
import io.contextuate.monitor.sql.FlywaySchema;
import io.contextuate.monitor.sql.SqlTables;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL schema: the Flyway migrations, plus the events layout that {@code database.partitioning} asks for.
 * Applying (when a store opens with auto-migration, or by {@code schema apply}) makes the partitions ahead of time
 * and partitions a store whose events table is still empty; a store that holds events, or one in the earlier
 * partitioned layout (by event timestamp, with {@code event_keys}), is converted only by {@link #convertLayout()}
 * ({@code schema partition}), and a store in that earlier layout does not open until it is.
 */
final class PartitionedSchema implements ManagedSchema {

    private final FlywaySchema flyway;
    private final DataSource dataSource;
    private final SqlTables tables;
    private final Partitioning wanted;
    private final PartitionConversion conversion;
    private final String where;

    PartitionedSchema(FlywaySchema flyway, DataSource dataSource, SqlTables tables, Partitioning wanted, String where) {
        this.flyway = flyway;
        this.dataSource = dataSource;
        this.tables = tables;
        this.wanted = wanted;
        this.conversion = new PartitionConversion(dataSource, tables);
        this.where = where;
    }

    @Override
    public SchemaStatus status() {
        SchemaStatus s = flyway.status();
        if (s.currentVersion() == null) {
            return s;
        }
        List<String> notes = new ArrayList<>(s.notes());
        PartitionConversion.State state = conversion.state();
        if (state.partitioned().isPresent()) {
            Partitioning p = state.partitioned().get();
            int count = Jdbi.create(dataSource).withHandle(h ->
                    new EventPartitions(tables, tables.events(), p).count(h));
            notes.add("events are partitioned " + p.configName() + " by session start (" + count + " partitions)");
            if (wanted != Partitioning.NONE && wanted != p) {
                notes.add("persistence.database.partitioning asks for " + wanted.configName() + ", but the store is"
                        + " partitioned " + p.configName() + ", which stays");
            }
        } else if (state.byEventTimestamp().isPresent()) {
            notes.add("events are partitioned " + state.byEventTimestamp().get().configName() + " in the earlier"
                    + " layout (by event time, with event_keys), which this version does not open: run"
                    + " `contextuate-monitor schema partition` to convert it (resumable; every row is kept)");
        } else if (state.underWay().isPresent()) {
            notes.add("a conversion to " + state.underWay().get().configName() + " partitions is under way (copied"
                    + " through seq " + state.copiedThroughSeq() + "): run `contextuate-monitor schema partition` to"
                    + " finish it");
        } else if (wanted != Partitioning.NONE) {
            notes.add("persistence.database.partitioning is " + wanted.configName() + " but events is one table:"
                    + " run `contextuate-monitor schema partition` to convert it (resumable; every row is kept)");
        }
        return new SchemaStatus(s.location(), s.currentVersion(), s.pending(), notes);
    }

    @Override
    public SchemaStatus apply() {
        flyway.apply();
        arrangeLayout(false);
        return status();
    }

    /** Converts the events table to the configured partitioning, or finishes a conversion; then applies. */
    @Override
    public SchemaStatus convertLayout() {
        flyway.apply();
        PartitionConversion.State state = conversion.state();
        if (wanted == Partitioning.NONE && state.underWay().isEmpty() && state.byEventTimestamp().isEmpty()) {
            throw new ConfigurationException("persistence.database.partitioning is none for " + where + ": set it to"
                    + " monthly or daily to partition the events table");
        }
        arrangeLayout(true);
        return status();
    }

    @Override
    public String script() {
        return flyway.script() + (wanted == Partitioning.NONE ? "" : "\n-- persistence.database.partitioning is "
                + wanted.configName() + ": the store partitions its events table itself (`contextuate-monitor schema"
                + " partition`)\n");
    }

    /**
     * Brings the schema up to date when a store opens (as {@link FlywaySchema#ensureCurrent}), then the layout.
     *
     * @return the events table's partitions, or empty when it is one table
     */
    Optional<EventPartitions> ensureCurrent(boolean autoMigrate) {
        flyway.ensureCurrent(autoMigrate);
        PartitionConversion.State state = conversion.state();
        if (state.byEventTimestamp().isPresent()) {
            throw new ConfigurationException("The events table at " + where + " is partitioned in the earlier layout"
                    + " (by event time, with an event_keys table), which this version no longer opens. Run"
                    + " `contextuate-monitor schema partition` to convert it to partitions by session start"
                    + " (resumable; every row is kept).");
        }
        if (state.partitioned().isEmpty() && wanted != Partitioning.NONE) {
            if (!state.eventsEmpty() || state.underWay().isPresent() || !autoMigrate) {
                throw new ConfigurationException("persistence.database.partitioning is " + wanted.configName()
                        + " but the events table at " + where + " is " + (state.underWay().isPresent()
                        ? "being converted" : "one table") + ". Run `contextuate-monitor schema partition` to convert"
                        + " it (resumable; every row is kept), or set partitioning to none.");
            }
        }
        return arrangeLayout(false);
    }

    private Optional<EventPartitions> arrangeLayout(boolean convertWithRows) {
        PartitionConversion.State state = conversion.state();
        Optional<Partitioning> layout = state.partitioned();
        Optional<Partitioning> target = Optional.empty();
        if (layout.isPresent()) {
            target = Optional.empty();
        } else if (state.underWay().isPresent()) {
            target = convertWithRows ? state.underWay() : Optional.empty();
        } else if (state.byEventTimestamp().isPresent()) {
            target = !convertWithRows ? Optional.empty()
                    : Optional.of(wanted != Partitioning.NONE ? wanted : state.byEventTimestamp().get());
        } else if (wanted != Partitioning.NONE && (state.eventsEmpty() || convertWithRows)) {
            target = Optional.of(wanted);
        }
        if (target.isPresent()) {
            conversion.convert(target.get(), copied -> { });
            layout = target;
        }
        if (layout.isEmpty()) {
            return Optional.empty();
        }
        conversion.ensureCurrentFunctions();
        EventPartitions partitions = new EventPartitions(tables, tables.events(), layout.get());
        Jdbi.create(dataSource).useHandle(h -> partitions.ensureAhead(h, System.currentTimeMillis()));
        return Optional.of(partitions);
    }
}
