package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.StoreStats;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionPatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.contextuate.monitor.postgresql.TestEvents.event;
import static io.contextuate.monitor.postgresql.TestEvents.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed's "dedicated database user" (SELECT, INSERT, UPDATE, DELETE, plus USAGE on the schema and sequences)
 * runs every store operation; schema changes need a privileged user, and opening says so.
 */
class PostgresPrivilegesTest {

    private static final String PASSWORD = "pw-" + UUID.randomUUID();

    private TestDatabase db;
    private String role;

    @BeforeEach
    void createDatabaseAndRole() {
        db = TestDatabase.create();
        role = "cm_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'",
                "GRANT CONNECT ON DATABASE " + db.name() + " TO " + role,
                "GRANT USAGE ON SCHEMA public TO " + role);
    }

    @AfterEach
    void dropDatabaseAndRole() {
        db.close();
        try (TestDatabase other = TestDatabase.create()) {
            other.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    private void grantDml() {
        db.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role,
                "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + role);
    }

    private MonitorStore openAsApplicationUser() {
        return db.open(Map.of("user", role, "password", PASSWORD));
    }

    @Test
    void theLeastPrivilegedUserRunsEveryStoreOperation() {
        new PostgresStoreProvider().schema(db.context()).orElseThrow().apply();
        grantDml();

        try (MonitorStore store = openAsApplicationUser()) {
            assertThat(store.saveEvent(event("s1", "e1", 1000))).isTrue();
            List<MonitorEvent> batch = new ArrayList<>();
            for (int i = 0; i < PostgresDialect.COPY_THRESHOLD * 2; i++) {
                batch.add(event("s2", "b" + i, 2000 + i));
            }
            assertThat(store.saveEvents(batch)).isEqualTo(batch.size());
            assertThat(store.saveEvents(batch)).isZero();
            SessionMeta child = session("child", 5).toBuilder().parentSessionId("missing-parent").build();
            store.saveSession(child);
            store.saveSession(session("s1", 1000));
            store.updateSession("s1", SessionPatch.empty().set("label", "renamed"));

            assertThat(store.getSession("s1").orElseThrow().label()).isEqualTo("renamed");
            assertThat(store.getEvents("s2", EventQuery.newest(3))).extracting(MonitorEvent::id)
                    .containsExactly("b125", "b126", "b127");
            assertThat(store.getAllRecentEvents(1)).extracting(MonitorEvent::id).containsExactly("b127");
            assertThat(store.getSessions(SessionQuery.all())).extracting(SessionMeta::sessionId)
                    .containsExactlyInAnyOrder("s1", "child");
            try (Stream<String> ids = store.streamEventSessionIds()) {
                assertThat(ids).containsExactlyInAnyOrder("s1", "s2");
            }
            assertThat(store.pruneOldSessions(100)).isEqualTo(1);
            store.deleteSession("s1");
            assertThat(store.stats()).isEqualTo(new StoreStats(0, batch.size()));
            assertThat(store.deleteAllSessions()).isZero();
            assertThat(store.stats()).isEqualTo(new StoreStats(0, 0));
        }
    }

    @Test
    void aUserThatMayNotCreateTemporaryTablesStillSavesBatchesIdempotently() {
        new PostgresStoreProvider().schema(db.context()).orElseThrow().apply();
        grantDml();
        db.execute("REVOKE TEMPORARY ON DATABASE " + db.name() + " FROM PUBLIC");
        List<MonitorEvent> batch = new ArrayList<>();
        for (int i = 0; i < PostgresDialect.COPY_THRESHOLD * 2; i++) {
            batch.add(event("s", "b" + i, i));
        }

        try (MonitorStore store = openAsApplicationUser()) {
            assertThat(store.saveEvents(batch.subList(0, 10))).isEqualTo(10);
            assertThat(store.saveEvents(batch)).isEqualTo(batch.size() - 10);
            assertThat(store.saveEvents(batch)).isZero();
            assertThat(store.getEvents("s", EventQuery.newest(batch.size()))).extracting(MonitorEvent::id)
                    .containsExactlyElementsOf(batch.stream().map(MonitorEvent::id).toList());
        }
    }

    @Test
    void openingWithPendingMigrationsAsAUserWithoutDdlRightsAsksForASchemaApply() throws SQLException {
        assertThatThrownBy(this::openAsApplicationUser)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("contextuate-monitor schema apply")
                .hasMessageContaining("privileged user")
                .hasMessageNotContaining(PASSWORD);
        try (Connection c = db.connect()) {
            assertThat(new Catalog(c, "public").relations('r')).isEmpty();
        }
    }

    @Test
    void openingWithAutoMigrateOffAndPendingMigrationsAsksForASchemaApply() throws SQLException {
        assertThatThrownBy(() -> db.open(Map.of("autoMigrate", false)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("contextuate-monitor schema apply");
        try (Connection c = db.connect()) {
            assertThat(new Catalog(c, "public").relations('r')).isEmpty();
        }
    }

    @Test
    void openingWithAutoMigrateOffOnACurrentSchemaWorks() {
        new PostgresStoreProvider().schema(db.context()).orElseThrow().apply();
        try (MonitorStore store = db.open(Map.of("autoMigrate", false))) {
            assertThat(store.saveEvent(event("s", "e", 1))).isTrue();
        }
    }
}
