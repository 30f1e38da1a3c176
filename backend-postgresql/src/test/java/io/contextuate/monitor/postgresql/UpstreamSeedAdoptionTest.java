package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.ManagedSchema;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.SchemaStatus;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database made with the upstream seed's postgresql-schema.sql is recognised, converted in place, every row kept. */
class UpstreamSeedAdoptionTest {

    private TestDatabase db;

    @BeforeEach
    void createSeedDatabase() throws IOException {
        db = TestDatabase.create();
        try (InputStream in = getClass().getResourceAsStream("/upstream/postgresql-schema.sql")) {
            db.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private ManagedSchema schema() {
        return new PostgresStoreProvider().schema(db.context()).orElseThrow();
    }

    @Test
    void statusRecognisesTheSeedLayoutWithoutChangingIt() throws SQLException {
        SchemaStatus status = schema().status();

        assertThat(status.currentVersion()).isNull();
        assertThat(status.notes()).singleElement().asString().contains("upstream seed");
        try (Connection c = db.connect()) {
            assertThat(new Catalog(c, "public").enumLabels("monitor_event_type")).hasSize(10);
        }
    }

    @Test
    void openingASeedMadeDatabaseAsksForSchemaApplyAndChangesNothing() throws SQLException {
        assertThatThrownBy(() -> db.open().close())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("contextuate-monitor schema apply");
        try (Connection c = db.connect()) {
            assertThat(new Catalog(c, "public").columns("events")).containsEntry("id", "uuid not null");
        }
    }

    @Test
    void applyConvertsTheSeedInPlaceKeepingEveryRow() throws SQLException {
        List<String> eventsBefore = rows("SELECT id || ' ' || session_id || ' ' || event_type || ' ' || hook_type"
                + " || ' ' || data::text FROM events ORDER BY id");
        List<String> sessionsBefore = rows("SELECT session_id || ' ' || status || ' ' || coalesce(label, '-')"
                + " || ' ' || child_session_ids::text FROM sessions ORDER BY session_id");

        SchemaStatus status = schema().apply();

        assertThat(status.upToDate()).isTrue();
        assertThat(status.currentVersion()).isEqualTo("2");
        assertThat(rows("SELECT id || ' ' || session_id || ' ' || event_type || ' ' || hook_type"
                + " || ' ' || data::text FROM events ORDER BY id")).isEqualTo(eventsBefore);
        assertThat(rows("SELECT session_id || ' ' || status || ' ' || coalesce(label, '-')"
                + " || ' ' || child_session_ids::text FROM sessions ORDER BY session_id")).isEqualTo(sessionsBefore);
        try (Connection c = db.connect()) {
            Catalog cat = new Catalog(c, "public");
            assertThat(cat.enumLabels("monitor_event_type")).containsExactlyInAnyOrderElementsOf(EventType.knownValues());
            assertThat(cat.enumLabels("claude_hook_type")).containsExactlyInAnyOrderElementsOf(HookType.knownValues());
            assertThat(cat.columns("events")).containsEntry("id", "character varying(255) not null")
                    .containsEntry("seq", "bigint not null");
        }
    }

    @Test
    void anAdoptedDatabaseHasTheSameObjectsAsAFreshOne() throws SQLException {
        schema().apply();
        try (TestDatabase fresh = TestDatabase.create()) {
            new PostgresStoreProvider().schema(fresh.context()).orElseThrow().apply();
            try (Connection adopted = db.connect(); Connection made = fresh.connect()) {
                Catalog a = new Catalog(adopted, "public");
                Catalog f = new Catalog(made, "public");
                assertThat(a.indexes("events")).isEqualTo(f.indexes("events"));
                assertThat(a.indexes("sessions")).isEqualTo(f.indexes("sessions"));
                assertThat(a.constraints("events")).isEqualTo(f.constraints("events"));
                assertThat(a.constraints("sessions")).isEqualTo(f.constraints("sessions"));
                assertThat(a.columns("events")).isEqualTo(f.columns("events"));
                assertThat(a.columns("sessions")).isEqualTo(f.columns("sessions"));
                assertThat(a.views()).isEqualTo(f.views());
                assertThat(a.triggers("sessions")).isEqualTo(f.triggers("sessions"));
                assertThat(a.functions()).containsAll(f.functions());
            }
        }
    }

    @Test
    void theStoreReadsTheSeedRowsAndWritesWhatTheSeedRefused() {
        schema().apply();
        try (MonitorStore store = db.open()) {
            List<MonitorEvent> events = store.getEvents("a1b2c3d4e5f60718", EventQuery.defaults());
            assertThat(events).extracting(MonitorEvent::id).containsExactly(
                    "6f1c2a4e-8b3d-4f5a-9c7e-1d2b3c4d5e6f", "7a2d3b5f-9c4e-4a6b-8d8f-2e3c4d5e6f70",
                    "8b3e4c6a-ad5f-4b7c-9e9a-3f4d5e6f7081");
            assertThat(events.get(1).data().get("toolInput").get("command").asText()).isEqualTo("ls -la");
            SessionMeta parent = store.getSession("a1b2c3d4e5f60718").orElseThrow();
            assertThat(parent.childSessionIds()).containsExactly("9f8e7d6c");
            assertThat(parent.isPinned()).isTrue();
            assertThat(parent.label()).isEqualTo("Refactor auth");
            assertThat(store.getSessions(SessionQuery.all())).hasSize(3);

            MonitorEvent refusedBySeed = events.get(0).toBuilder().id("not-a-uuid")
                    .eventType(EventType.PERMISSION_REQUEST).hookType(HookType.UNKNOWN)
                    .data(MonitorJson.newObject().put("tool", "x")).build();
            assertThat(store.saveEvent(refusedBySeed)).isTrue();
            assertThat(store.getEventById("a1b2c3d4e5f60718", "not-a-uuid")).contains(refusedBySeed);
            assertThat(store.saveEvent(refusedBySeed)).isFalse();
        }
    }

    @Test
    void applyingAgainAfterAdoptionChangesNothing() {
        schema().apply();
        SchemaStatus again = schema().apply();
        assertThat(again.upToDate()).isTrue();
        assertThat(again.notes()).isEmpty();
        assertThat(rows("SELECT count(*)::text FROM events")).containsExactly("6");
    }

    private List<String> rows(String sql) {
        try (Connection c = db.connect()) {
            return new Catalog(c, "public").list(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
