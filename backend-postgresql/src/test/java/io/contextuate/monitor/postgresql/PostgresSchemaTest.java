package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.ManagedSchema;
import io.contextuate.monitor.spi.SchemaStatus;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The versioned schema: every promised object exists after apply, from the catalog; apply is idempotent. */
class PostgresSchemaTest {

    private static TestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    private static ManagedSchema schema(String schemaName, String prefix) {
        return new PostgresStoreProvider().schema(db.context(Map.of("schema", schemaName, "tablePrefix", prefix)))
                .orElseThrow();
    }

    @Test
    void applyOnAFreshSchemaCreatesEveryObjectTheSeedPromises() throws SQLException {
        SchemaStatus before = schema("fresh", "").status();
        assertThat(before.currentVersion()).isNull();
        assertThat(before.pending()).hasSize(2);

        SchemaStatus after = schema("fresh", "").apply();

        assertThat(after.upToDate()).isTrue();
        assertThat(after.currentVersion()).isEqualTo("2");
        try (Connection c = db.connect()) {
            Catalog cat = new Catalog(c, "fresh");
            assertThat(cat.relations('r')).containsExactlyInAnyOrder("sessions", "events", "schema_history");
            assertThat(cat.enumLabels("session_status")).containsExactly("active", "completed", "error");
            assertThat(cat.enumLabels("monitor_event_type")).containsExactlyInAnyOrderElementsOf(EventType.knownValues());
            assertThat(cat.enumLabels("claude_hook_type")).containsExactlyInAnyOrderElementsOf(HookType.knownValues());
            assertThat(cat.views()).containsExactlyInAnyOrder("active_sessions", "session_hierarchy");
            assertThat(cat.functions()).contains("get_recent_events", "get_session_event_counts",
                    "prune_old_sessions", "set_updated_at");
            assertThat(cat.triggers("sessions")).containsExactly("sessions_updated_at");

            Map<String, String> sessionIndexes = cat.indexes("sessions");
            assertThat(sessionIndexes).containsKeys("sessions_pkey", "idx_status", "idx_parent_session_id",
                    "idx_start_time", "idx_hidden_status", "idx_pinned", "idx_child_session_ids",
                    "idx_active_sessions", "idx_visible_sessions");
            assertThat(sessionIndexes.get("idx_child_session_ids")).contains("USING gin");
            assertThat(sessionIndexes.get("idx_active_sessions")).contains("WHERE").contains("'active'");
            assertThat(sessionIndexes.get("idx_visible_sessions")).contains("WHERE").contains("hidden");

            Map<String, String> eventIndexes = cat.indexes("events");
            assertThat(eventIndexes).containsKeys("events_pkey", "idx_session_timestamp", "idx_timestamp",
                    "idx_event_type", "idx_machine_timestamp", "idx_parent_session", "idx_event_data",
                    "idx_error_events", "idx_tool_call_events");
            assertThat(eventIndexes.get("idx_session_timestamp")).contains("(session_id, \"timestamp\", seq)");
            assertThat(eventIndexes.get("idx_event_data")).contains("USING gin");
            assertThat(eventIndexes.get("idx_error_events")).contains("WHERE").contains("'error'");
            assertThat(eventIndexes.get("idx_tool_call_events")).contains("WHERE").contains("'tool_call'");

            assertThat(cat.constraints("events").get("events_session_fkey"))
                    .contains("REFERENCES fresh.sessions(session_id) ON DELETE CASCADE");
            assertThat(cat.constraints("sessions").get("sessions_parent_fkey"))
                    .contains("REFERENCES fresh.sessions(session_id) ON DELETE SET NULL");
            assertThat(cat.constraints("sessions").get("sessions_end_time_check")).contains("end_time >= 0");
            assertThat(cat.constraints("events").get("events_pkey")).isEqualTo("PRIMARY KEY (session_id, id)");

            assertThat(cat.columns("events")).containsEntry("id", "character varying(255) not null")
                    .containsEntry("data", "jsonb not null")
                    .containsEntry("event_type", "fresh.monitor_event_type")
                    .containsKeys("seq", "event_type_other", "hook_type_other", "extra", "record_json");
            assertThat(cat.columns("sessions")).containsEntry("child_session_ids", "jsonb")
                    .containsEntry("is_placeholder", "boolean not null")
                    .containsKeys("status_other", "token_usage_cache_read", "token_usage_cache_creation",
                            "token_usage_extra", "model", "transcript_path", "extra", "record_json");
            for (String column : List.of("record_json", "status_other", "is_placeholder", "extra", "end_time")) {
                assertThat(cat.hasComment("sessions", column)).as("comment on sessions.%s", column).isTrue();
            }
            for (String column : List.of("record_json", "event_type_other", "hook_type_other", "seq", "id")) {
                assertThat(cat.hasComment("events", column)).as("comment on events.%s", column).isTrue();
            }
            assertThat(cat.hasComment("sessions", null)).isTrue();
            assertThat(cat.hasComment("events", null)).isTrue();
            assertThat(new Catalog(c, "public").relations('r')).isEmpty();
        }
    }

    @Test
    void theScriptHoldsEveryMigrationWithSchemaAndPrefixFilledIn() {
        String script = schema("printed", "p_").script();

        assertThat(script).contains("CREATE TABLE \"printed\".\"p_sessions\"", "CREATE TABLE \"printed\".\"p_events\"",
                "\"printed\".\"p_session_hierarchy\"", "\"printed\".\"p_prune_old_sessions\"")
                .doesNotContain("${schema}", "${prefix}", "DROP TABLE");
    }

    @Test
    void applyingTwiceChangesNothing() throws SQLException {
        schema("twice", "").apply();
        List<String> objectsBefore = objects("twice");
        List<String> historyBefore = history("twice", "schema_history");

        SchemaStatus second = schema("twice", "").apply();

        assertThat(second.upToDate()).isTrue();
        assertThat(objects("twice")).isEqualTo(objectsBefore);
        assertThat(history("twice", "schema_history")).isEqualTo(historyBefore);
    }

    @Test
    void twoPrefixesLiveSideBySideInOneSchemaWithTheirOwnHistories() throws SQLException {
        schema("shared", "one_").apply();
        schema("shared", "two_").apply();

        try (Connection c = db.connect()) {
            Catalog cat = new Catalog(c, "shared");
            assertThat(cat.relations('r')).containsExactlyInAnyOrder("one_sessions", "one_events",
                    "one_schema_history", "two_sessions", "two_events", "two_schema_history");
            assertThat(cat.views()).containsExactlyInAnyOrder("one_active_sessions", "one_session_hierarchy",
                    "two_active_sessions", "two_session_hierarchy");
            assertThat(cat.enumLabels("one_monitor_event_type")).hasSize(16);
            assertThat(cat.enumLabels("two_claude_hook_type")).hasSize(12);
            assertThat(cat.functions()).contains("one_prune_old_sessions", "two_prune_old_sessions",
                    "one_get_recent_events", "two_get_session_event_counts");
            assertThat(cat.triggers("two_sessions")).containsExactly("two_sessions_updated_at");
            assertThat(cat.indexes("one_events")).containsKey("one_idx_session_timestamp");
            assertThat(cat.indexes("two_events")).containsKey("two_idx_session_timestamp");
        }
        assertThat(history("shared", "one_schema_history")).containsExactly("1", "2");
        assertThat(history("shared", "two_schema_history")).containsExactly("1", "2");
    }

    @Test
    void sessionHierarchyEndsOnSelfParentsCyclesAndMissingParents() throws SQLException {
        schema("tree", "").apply();
        db.execute("INSERT INTO tree.sessions (session_id, machine_id, working_directory, start_time, status)"
                        + " VALUES ('root', 'm', '/', 1, 'active'), ('child', 'm', '/', 2, 'active'),"
                        + " ('self', 'm', '/', 3, 'active'), ('a', 'm', '/', 4, 'active'), ('b', 'm', '/', 5, 'active')",
                "UPDATE tree.sessions SET parent_session_id = 'root' WHERE session_id = 'child'",
                "UPDATE tree.sessions SET parent_session_id = 'self' WHERE session_id = 'self'",
                "UPDATE tree.sessions SET parent_session_id = 'b' WHERE session_id = 'a'",
                "UPDATE tree.sessions SET parent_session_id = 'a' WHERE session_id = 'b'");

        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT session_id, root_session_id, depth, meets_cycle"
                     + " FROM tree.session_hierarchy ORDER BY session_id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3) + " " + rs.getBoolean(4));
            }
        }
        assertThat(rows).containsExactly("a b 1 true", "b a 1 true", "child root 1 false", "root root 0 false",
                "self self 0 true");
    }

    @Test
    void pruneOldSessionsDeletesUnpinnedSessionsEndedBeforeTheCutoffButNoPlaceholders() throws SQLException {
        schema("prune", "").apply();
        db.execute("INSERT INTO prune.sessions (session_id, machine_id, working_directory, start_time, end_time,"
                + " status, is_pinned, is_placeholder) VALUES"
                + " ('ended-old', 'm', '/', 10, 20, 'completed', NULL, false),"
                + " ('never-ended-old', 'm', '/', 10, NULL, 'active', false, false),"
                + " ('ended-late', 'm', '/', 10, 200, 'completed', false, false),"
                + " ('pinned-old', 'm', '/', 10, 20, 'completed', true, false),"
                + " ('placeholder-old', 'm', '/', 10, NULL, 'active', NULL, true)");

        List<String> deleted;
        try (Connection c = db.connect()) {
            deleted = new Catalog(c, "prune").list("SELECT prune.prune_old_sessions(100)::text");
        }
        assertThat(deleted).containsExactly("2");
        try (Connection c = db.connect()) {
            assertThat(new Catalog(c, "prune").list("SELECT session_id FROM prune.sessions ORDER BY 1"))
                    .containsExactly("ended-late", "pinned-old", "placeholder-old");
        }
    }

    @Test
    void theEventFunctionsReadNewestFirstAndCountUnknownTypesByName() throws SQLException {
        schema("funcs", "").apply();
        db.execute("INSERT INTO funcs.sessions (session_id, machine_id, working_directory, start_time, status)"
                        + " VALUES ('s', 'm', '/', 1, 'active')",
                "INSERT INTO funcs.events (id, session_id, \"timestamp\", machine_id, working_directory, event_type,"
                        + " event_type_other, hook_type, hook_type_other, data) VALUES"
                        + " ('old', 's', 10, 'm', '/', 'tool_call', NULL, 'PreToolUse', NULL, '{}'),"
                        + " ('tie-first', 's', 20, 'm', '/', 'tool_call', NULL, 'PreToolUse', NULL, '{}'),"
                        + " ('tie-second', 's', 20, 'm', '/', NULL, 'brand_new_type', NULL, 'Unknown', '{}')");

        try (Connection c = db.connect()) {
            Catalog cat = new Catalog(c, "funcs");
            assertThat(cat.list("SELECT id FROM funcs.get_recent_events(2)")).containsExactly("tie-second", "tie-first");
            assertThat(cat.list("SELECT event_type || '=' || event_count FROM funcs.get_session_event_counts('s')"))
                    .containsExactly("tool_call=2", "brand_new_type=1");
        }
    }

    private static List<String> history(String schema, String table) throws SQLException {
        try (Connection c = db.connect()) {
            return new Catalog(c, schema).list("SELECT version FROM " + schema + "." + table
                    + " WHERE success AND type = 'SQL' ORDER BY installed_rank");
        }
    }

    private static List<String> objects(String schema) throws SQLException {
        try (Connection c = db.connect()) {
            Catalog cat = new Catalog(c, schema);
            TreeSet<String> all = new TreeSet<>();
            for (char kind : new char[]{'r', 'v', 'i', 'S'}) {
                cat.relations(kind).forEach(n -> all.add(kind + ":" + n));
            }
            cat.functions().forEach(f -> all.add("f:" + f));
            cat.triggers("sessions").forEach(t -> all.add("t:" + t));
            cat.indexes("events").forEach((n, d) -> all.add("d:" + d));
            cat.indexes("sessions").forEach((n, d) -> all.add("d:" + d));
            return new ArrayList<>(all);
        }
    }
}
