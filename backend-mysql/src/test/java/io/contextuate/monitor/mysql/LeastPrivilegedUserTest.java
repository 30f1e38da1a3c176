package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreException;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A user with only SELECT, INSERT, UPDATE and DELETE runs the store but not the schema. */
class LeastPrivilegedUserTest {

    private static final String PASSWORD = "pw-" + UUID.randomUUID();

    private ScratchDatabase database;
    private String user;

    @BeforeEach
    void createDatabaseAndUser() throws SQLException {
        database = ScratchDatabase.create();
        user = "cm_app_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = ScratchDatabase.admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + database.name() + ".* TO '" + user
                    + "'@'%'");
        }
    }

    @AfterEach
    void dropUserAndDatabase() throws SQLException {
        try (Connection admin = ScratchDatabase.admin(); Statement statement = admin.createStatement()) {
            statement.execute("DROP USER IF EXISTS '" + user + "'@'%'");
        } finally {
            database.close();
        }
    }

    private MonitorStore openAsApp(Map<String, Object> settings) {
        return new MySqlStoreProvider().open(database.context("", user, PASSWORD, settings));
    }

    @Test
    void theUserRunsEveryStoreOperationOnceThePrivilegedUserAppliedTheSchema() {
        new MySqlStoreProvider().schema(database.context("")).orElseThrow().apply();

        try (MonitorStore store = openAsApp(Map.of())) {
            store.saveSession(session("s1"));
            assertThat(store.saveEvent(event("s1", "e1"))).isTrue();
            assertThat(store.saveEvents(List.of(event("s2", "e2"), event("s2", "e3")))).isEqualTo(2);
            store.updateSession("s1", io.contextuate.monitor.spi.model.SessionPatch.empty().set("label", "x"));
            assertThat(store.getSession("s1").orElseThrow().label()).isEqualTo("x");
            assertThat(store.getEvents("s2")).hasSize(2);
            store.deleteSession("s1");
            assertThat(store.pruneOldSessions(Long.MAX_VALUE)).isZero();
            assertThat(store.deleteAllSessions()).isZero();
            assertThat(store.stats().events()).isZero();
        }
    }

    @Test
    void openingAFreshDatabaseWithoutDdlRightsSaysToRunSchemaApply() {
        assertThatThrownBy(() -> openAsApp(Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("contextuate-monitor schema apply")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void openingWithAutoMigrateOffAndPendingMigrationsSaysToRunSchemaApply() {
        assertThatThrownBy(() -> new MySqlStoreProvider().open(
                database.context("", ScratchDatabase.user(), ScratchDatabase.password(),
                        Map.of("autoMigrate", false))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("autoMigrate")
                .hasMessageContaining("contextuate-monitor schema apply");
    }

    @Test
    void schemaApplyAsTheUserFailsWithoutChangingAnything() throws SQLException {
        assertThatThrownBy(() -> new MySqlStoreProvider().schema(database.context("", user, PASSWORD, Map.of()))
                .orElseThrow().apply())
                .isInstanceOf(StoreException.class)
                .hasMessageNotContaining(PASSWORD);
        try (Connection connection = database.connect()) {
            assertThat(CatalogSnapshot.of(connection, database.name(), "").tables()).isEmpty();
        }
    }

    private static SessionMeta session(String id) {
        return SessionMeta.builder().sessionId(id).machineId("m").workingDirectory("/w").startTime(1000L)
                .status(SessionStatus.ACTIVE).childSessionIds(List.of()).build();
    }

    private static MonitorEvent event(String session, String id) {
        return MonitorEvent.builder().id(id).sessionId(session).timestamp(2000L).machineId("m").workingDirectory("/w")
                .eventType(EventType.TOOL_CALL).hookType(HookType.PRE_TOOL_USE).data(MonitorJson.newObject())
                .build();
    }
}
