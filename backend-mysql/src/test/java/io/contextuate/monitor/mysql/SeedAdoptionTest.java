package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.ManagedSchema;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.SchemaStatus;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database made with (a reconstruction of) the upstream seed's mysql-schema.sql, adopted in place. */
class SeedAdoptionTest {

    private ScratchDatabase database;

    @BeforeEach
    void createSeedDatabase() throws Exception {
        database = ScratchDatabase.create();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements(seedScript())) {
                statement.execute(sql);
            }
            // a type the seed's case-insensitive CHECK let through, though it is none of the known types
            statement.execute("INSERT INTO events (id, session_id, timestamp, event_type, hook_type, machine_id,"
                    + " working_directory, data) VALUES ('ad0e7c1f-4b6c-4c5e-9e2a-5b6c7d8e9fa0', 'a1b2c3d4e5f60718',"
                    + " 1730000000900, 'TOOL_CALL', 'stop', 'mac-1', '/home/dev/project', '{\"x\":1}')");
        }
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    private ManagedSchema schema() {
        return new MySqlStoreProvider().schema(database.context("")).orElseThrow();
    }

    @Test
    void statusSaysTheSeedDatabaseIsWaitingToBeAdopted() {
        SchemaStatus status = schema().status();

        assertThat(status.currentVersion()).isNull();
        assertThat(status.notes()).anySatisfy(note -> assertThat(note).contains("upstream seed", "schema apply"));
    }

    @Test
    void openingASeedDatabaseAsksForSchemaApply() {
        assertThatThrownBy(() -> new MySqlStoreProvider().open(database.context("")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("schema apply");
    }

    @Test
    void applyConvertsInPlaceKeepingEveryRow() throws SQLException {
        List<String> eventsBefore = rows("SELECT CONCAT_WS('|', id, session_id, timestamp, parent_session_id,"
                + " machine_id, working_directory, data) FROM events ORDER BY id");
        List<String> sessionsBefore = rows("SELECT CONCAT_WS('|', session_id, machine_id, working_directory,"
                + " start_time, COALESCE(end_time, '-'), COALESCE(parent_session_id, '-'), child_session_ids,"
                + " COALESCE(label, '-'), token_usage_input, token_usage_output) FROM sessions ORDER BY session_id");

        SchemaStatus status = schema().apply();

        assertThat(status.currentVersion()).isEqualTo("1");
        assertThat(status.upToDate()).isTrue();
        assertThat(rows("SELECT CONCAT_WS('|', id, session_id, timestamp, parent_session_id, machine_id,"
                + " working_directory, data) FROM events ORDER BY id")).isEqualTo(eventsBefore);
        assertThat(rows("SELECT CONCAT_WS('|', session_id, machine_id, working_directory, start_time,"
                + " COALESCE(end_time, '-'), COALESCE(parent_session_id, '-'), child_session_ids,"
                + " COALESCE(label, '-'), token_usage_input, token_usage_output) FROM sessions"
                + " WHERE NOT is_placeholder ORDER BY session_id")).isEqualTo(sessionsBefore);
        assertThat(rows("SELECT CONCAT_WS('|', COALESCE(event_type, '-'), COALESCE(event_type_other, '-'),"
                + " COALESCE(hook_type, '-'), COALESCE(hook_type_other, '-')) FROM events"
                + " WHERE id = 'ad0e7c1f-4b6c-4c5e-9e2a-5b6c7d8e9fa0'")).containsExactly("-|TOOL_CALL|-|stop");
        assertThat(rows("SELECT CAST(seq AS CHAR) FROM events ORDER BY seq")).doesNotContainNull().hasSize(5);
    }

    @Test
    void theAdoptedSchemaIsTheSameAsAFreshOne() throws SQLException {
        schema().apply();

        try (ScratchDatabase fresh = ScratchDatabase.create()) {
            new MySqlStoreProvider().schema(fresh.context("")).orElseThrow().apply();
            try (Connection adopted = database.connect(); Connection made = fresh.connect()) {
                CatalogSnapshot a = CatalogSnapshot.of(adopted, database.name(), "");
                CatalogSnapshot f = CatalogSnapshot.of(made, fresh.name(), "");
                assertThat(a.columns()).isEqualTo(f.columns());
                assertThat(a.checks()).isEqualTo(f.checks());
                assertThat(a.foreignKeys()).isEqualTo(f.foreignKeys());
                assertThat(a.indexes().stream().filter(i -> !i.startsWith("schema_history.")).toList())
                        .isEqualTo(f.indexes().stream().filter(i -> !i.startsWith("schema_history.")).toList());
            }
        }
    }

    @Test
    void theAdoptedDatabaseServesTheStoreAndAppliesAgainAsANoOp() throws SQLException {
        schema().apply();
        SchemaStatus again = schema().apply();
        assertThat(again.currentVersion()).isEqualTo("1");

        try (MonitorStore store = new MySqlStoreProvider().open(database.context(""))) {
            SessionMeta main = store.getSession("a1b2c3d4e5f60718").orElseThrow();
            assertThat(main.childSessionIds()).containsExactly("9f8e7d6c");
            assertThat(main.label()).isEqualTo("refactor 😀");
            assertThat(store.getSession("selfparent0000ff").orElseThrow().parentSessionId())
                    .isEqualTo("selfparent0000ff");
            List<MonitorEvent> events = store.getEvents("a1b2c3d4e5f60718");
            assertThat(events).extracting(e -> e.eventType().value())
                    .containsExactly("session_start", "tool_call", "tool_result", "TOOL_CALL");
            assertThat(store.getEvents("9f8e7d6c").get(0).data().get("n").bigIntegerValue())
                    .hasToString("12345678901234567890");
            assertThat(store.getSessions(SessionQuery.all())).hasSize(3);
            assertThat(store.stats().events()).isEqualTo(5);

            // ids compare exactly after the conversion
            store.saveSession(main.toBuilder().sessionId("A1B2C3D4E5F60718").build());
            assertThat(store.getSessions(SessionQuery.all())).hasSize(4);
        }
    }

    static String seedScript() throws IOException {
        try (InputStream in = SeedAdoptionTest.class.getResourceAsStream("/seed/mysql-schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The script's statements: split at a semicolon that ends a line, comments dropped. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        return statements;
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
