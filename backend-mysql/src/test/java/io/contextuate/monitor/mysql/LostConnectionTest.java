package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.RetryPolicy;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the server drops the store's connections, the store reports the failure at once and the owner's next try
 * (under the one {@link RetryPolicy}) works on a fresh connection; nothing is doubled.
 */
class LostConnectionTest {

    private ScratchDatabase database;

    @BeforeEach
    void createDatabase() {
        database = ScratchDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void savesAndReadsSucceedUnderTheOwnersRetryPolicyAfterTheServerKillsEveryConnectionOfTheStore()
            throws SQLException {
        RetryPolicy owner = RetryPolicy.within(Duration.ofSeconds(20));
        try (MonitorStore store = new MySqlStoreProvider().open(database.context(""))) {
            store.saveEvent(event("e1", 1000L));
            assertThat(killConnectionsTo(database.name())).isPositive();

            assertThat(owner.call("save", () -> store.saveEvent(event("e2", 2000L)))).isTrue();
            assertThat(killConnectionsTo(database.name())).isPositive();
            assertThat(owner.call("read", () -> store.getEvents("s"))).extracting(MonitorEvent::id)
                    .containsExactly("e1", "e2");
            assertThat(owner.call("save", () -> store.saveEvents(List.of(event("e2", 2000L), event("e3", 3000L)))))
                    .isEqualTo(1);
        }
    }

    /** Kills the server's connections that use the database; how many. */
    private static int killConnectionsTo(String database) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection admin = ScratchDatabase.admin()) {
            try (PreparedStatement find = admin.prepareStatement("SELECT ID FROM information_schema.PROCESSLIST"
                    + " WHERE DB = ? AND ID <> CONNECTION_ID()")) {
                find.setString(1, database);
                try (ResultSet rows = find.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            try (Statement kill = admin.createStatement()) {
                for (long id : ids) {
                    kill.execute("KILL CONNECTION " + id);
                }
            }
        }
        return ids.size();
    }

    private static MonitorEvent event(String id, long timestamp) {
        return MonitorEvent.builder().id(id).sessionId("s").timestamp(timestamp).machineId("m")
                .workingDirectory("/w").eventType(EventType.TOOL_CALL).hookType(HookType.PRE_TOOL_USE)
                .data(MonitorJson.newObject()).build();
    }
}
