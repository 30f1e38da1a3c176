package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.ManagedSchema;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreStats;
import io.contextuate.monitor.spi.SchemaStatus;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class MySqlSchemaTest {

    private ScratchDatabase database;

    @BeforeEach
    void createDatabase() {
        database = ScratchDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    private ManagedSchema schema(String prefix) {
        return new MySqlStoreProvider().schema(database.context(prefix)).orElseThrow();
    }

    @Test
    void applyingToAFreshDatabaseCreatesEveryTableColumnCheckKeyAndIndex() throws SQLException {
        SchemaStatus before = schema("").status();
        assertThat(before.currentVersion()).isNull();
        assertThat(before.pending()).singleElement().asString().startsWith("1 ");

        SchemaStatus after = schema("").apply();

        assertThat(after.currentVersion()).isEqualTo("1");
        assertThat(after.upToDate()).isTrue();
        try (Connection connection = database.connect()) {
            CatalogSnapshot catalog = CatalogSnapshot.of(connection, database.name(), "");
            assertThat(catalog.tables()).containsExactlyInAnyOrder(
                    "events InnoDB utf8mb4_unicode_ci", "schema_history InnoDB utf8mb4_unicode_ci",
                    "sessions InnoDB utf8mb4_unicode_ci");
            assertThat(catalog.columns()).filteredOn(c -> !c.startsWith("schema_history.")).containsExactlyInAnyOrder(
                    "sessions.session_id varchar(255) NO utf8mb4_bin - ",
                    "sessions.machine_id varchar(255) NO utf8mb4_bin - ",
                    "sessions.working_directory mediumtext NO utf8mb4_unicode_ci - ",
                    "sessions.start_time bigint NO - - ",
                    "sessions.end_time bigint YES - NULL ",
                    "sessions.status varchar(16) YES utf8mb4_bin NULL ",
                    "sessions.status_other varchar(255) YES utf8mb4_bin NULL ",
                    "sessions.parent_session_id varchar(255) YES utf8mb4_bin NULL ",
                    "sessions.child_session_ids longtext YES utf8mb4_bin NULL ",
                    "sessions.token_usage_input bigint YES - NULL ",
                    "sessions.token_usage_output bigint YES - NULL ",
                    "sessions.token_usage_cache_read bigint YES - NULL ",
                    "sessions.token_usage_cache_creation bigint YES - NULL ",
                    "sessions.token_usage_extra longtext YES utf8mb4_bin NULL ",
                    "sessions.hidden tinyint(1) YES - NULL ",
                    "sessions.is_user_initiated tinyint(1) YES - NULL ",
                    "sessions.is_pinned tinyint(1) YES - NULL ",
                    "sessions.agent_type mediumtext YES utf8mb4_unicode_ci NULL ",
                    "sessions.manual_parent_session_id varchar(255) YES utf8mb4_bin NULL ",
                    "sessions.label mediumtext YES utf8mb4_unicode_ci NULL ",
                    "sessions.model mediumtext YES utf8mb4_unicode_ci NULL ",
                    "sessions.transcript_path mediumtext YES utf8mb4_unicode_ci NULL ",
                    "sessions.extra longtext YES utf8mb4_bin NULL ",
                    "sessions.record_json longtext YES utf8mb4_bin NULL ",
                    "sessions.is_placeholder tinyint(1) NO - 0 ",
                    "sessions.created_at timestamp(3) NO - current_timestamp(3) ",
                    "sessions.updated_at timestamp(3) NO - current_timestamp(3) on update current_timestamp(3)",
                    "events.seq bigint NO - - auto_increment",
                    "events.id varchar(255) NO utf8mb4_bin - ",
                    "events.session_id varchar(255) NO utf8mb4_bin - ",
                    "events.timestamp bigint NO - - ",
                    "events.parent_session_id varchar(255) YES utf8mb4_bin NULL ",
                    "events.machine_id varchar(255) NO utf8mb4_bin - ",
                    "events.working_directory mediumtext NO utf8mb4_unicode_ci - ",
                    "events.event_type varchar(32) YES utf8mb4_bin NULL ",
                    "events.event_type_other varchar(255) YES utf8mb4_bin NULL ",
                    "events.hook_type varchar(32) YES utf8mb4_bin NULL ",
                    "events.hook_type_other varchar(255) YES utf8mb4_bin NULL ",
                    "events.data longtext NO utf8mb4_bin - ",
                    "events.extra longtext YES utf8mb4_bin NULL ",
                    "events.record_json longtext YES utf8mb4_bin NULL ",
                    "events.created_at timestamp(3) NO - current_timestamp(3) ");
            assertThat(catalog.foreignKeys()).containsExactlyInAnyOrder(
                    "sessions.fk_sessions_parent -> sessions ON DELETE SET NULL",
                    "events.fk_events_session -> sessions ON DELETE CASCADE");
            assertThat(catalog.indexes()).filteredOn(i -> !i.startsWith("schema_history.")).containsExactlyInAnyOrder(
                    "sessions.PRIMARY unique (session_id)",
                    "sessions.idx_status non-unique (status,start_time,session_id)",
                    "sessions.idx_parent_session_id non-unique (parent_session_id)",
                    "sessions.idx_start_time non-unique (start_time,session_id)",
                    "sessions.idx_hidden_status non-unique (hidden,status)",
                    "sessions.idx_pinned non-unique (is_pinned)",
                    "events.PRIMARY unique (session_id,timestamp,seq)",
                    "events.uq_events_id unique (session_id,id)",
                    "events.uq_events_seq unique (seq)",
                    "events.idx_session_timestamp non-unique (session_id,timestamp,seq)",
                    "events.idx_timestamp non-unique (timestamp,seq)",
                    "events.idx_event_type non-unique (event_type)",
                    "events.idx_machine_timestamp non-unique (machine_id,timestamp)",
                    "events.idx_parent_session non-unique (parent_session_id)");
            assertThat(catalog.checks()).extracting(c -> c.substring(0, c.indexOf(' '))).containsExactlyInAnyOrder(
                    "sessions.chk_sessions_status", "sessions.chk_sessions_status_one",
                    "sessions.chk_sessions_end_time",
                    "events.chk_events_event_type", "events.chk_events_event_type_one",
                    "events.chk_events_hook_type", "events.chk_events_hook_type_one");
            String eventTypeCheck = only(catalog.checks(), "events.chk_events_event_type ");
            EventType.knownValues().forEach(type -> assertThat(eventTypeCheck).contains("'" + type + "'"));
            String hookTypeCheck = only(catalog.checks(), "events.chk_events_hook_type ");
            HookType.knownValues().forEach(type -> assertThat(hookTypeCheck).contains("'" + type + "'"));
            assertThat(hookTypeCheck).doesNotContain("'Unknown'");
        }
    }

    @Test
    void applyingTwiceChangesNothing() throws SQLException {
        schema("").apply();
        CatalogSnapshot first;
        try (Connection connection = database.connect()) {
            first = CatalogSnapshot.of(connection, database.name(), "");
        }
        int historyRows = count("SELECT COUNT(*) FROM schema_history");

        SchemaStatus again = schema("").apply();

        assertThat(again.currentVersion()).isEqualTo("1");
        try (Connection connection = database.connect()) {
            assertThat(CatalogSnapshot.of(connection, database.name(), "")).isEqualTo(first);
        }
        assertThat(count("SELECT COUNT(*) FROM schema_history")).isEqualTo(historyRows);
    }

    @Test
    void twoPoolsOpeningAFreshDatabaseAtOnceApplyEachMigrationOnce() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<StoreStats>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                // each store opens its own connection pool, as two processes would
                Callable<StoreStats> open = () -> {
                    start.await();
                    try (MonitorStore store = new MySqlStoreProvider().open(database.context(""))) {
                        return store.stats();
                    }
                };
                results.add(pool.submit(open));
            }
            start.countDown();
            for (Future<StoreStats> result : results) {
                assertThat(result.get()).isEqualTo(new StoreStats(0, 0));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM schema_history WHERE version = '1' AND success = 1")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM schema_history WHERE success = 0")).isZero();
    }

    @Test
    void twoPrefixesLiveSideBySideWithTheirOwnHistories() throws SQLException {
        schema("").apply();
        schema("cm_").apply();

        try (Connection connection = database.connect()) {
            CatalogSnapshot plain = CatalogSnapshot.of(connection, database.name(), "");
            CatalogSnapshot prefixed = CatalogSnapshot.of(connection, database.name(), "cm_");
            assertThat(prefixed.tables()).containsExactlyInAnyOrder("cm_events InnoDB utf8mb4_unicode_ci",
                    "cm_schema_history InnoDB utf8mb4_unicode_ci", "cm_sessions InnoDB utf8mb4_unicode_ci");
            assertThat(prefixed.foreignKeys()).containsExactlyInAnyOrder(
                    "cm_sessions.cm_fk_sessions_parent -> cm_sessions ON DELETE SET NULL",
                    "cm_events.cm_fk_events_session -> cm_sessions ON DELETE CASCADE");
            assertThat(prefixed.indexes()).hasSameSizeAs(plain.indexes())
                    .contains("cm_events.cm_idx_session_timestamp non-unique (session_id,timestamp,seq)");
        }
        assertThat(count("SELECT COUNT(*) FROM cm_schema_history WHERE version = '1' AND success = 1")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM schema_history WHERE version = '1' AND success = 1")).isEqualTo(1);
        assertThat(schema("").status().currentVersion()).isEqualTo("1");
        assertThat(schema("cm_").status().currentVersion()).isEqualTo("1");
    }

    @Test
    void printedScriptHoldsEveryMigrationWithThePrefixInPlace() {
        String script = schema("cm_").script();

        assertThat(script).contains("CREATE TABLE cm_sessions", "CREATE TABLE cm_events",
                "REFERENCES cm_sessions (session_id) ON DELETE CASCADE").doesNotContain("${prefix}");
    }

    private int count(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }

    private static String only(java.util.Set<String> lines, String start) {
        return lines.stream().filter(l -> l.startsWith(start)).findFirst().orElseThrow();
    }
}
