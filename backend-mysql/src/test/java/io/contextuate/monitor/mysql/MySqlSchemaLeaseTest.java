package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.StoreUnavailableException;
import io.contextuate.monitor.sql.SchemaLock;
import io.contextuate.monitor.sql.SqlTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The schema lease on the plain server: a second taker waits and gets it once the first releases it, an expired
 * lease (a killed holder) is taken over, a holder that works longer than the time to live keeps it by renewing, the
 * wait is bounded, and a user without DDL rights is told to run {@code schema apply}.
 */
class MySqlSchemaLeaseTest {

    private static final SqlTables TABLES = new SqlTables(null, "lt_");

    private ScratchDatabase database;

    @BeforeEach
    void createDatabase() {
        database = ScratchDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    private MySqlSchemaLease lease(Duration timeToLive, Duration wait) {
        return new MySqlSchemaLease(database.dataSource(), TABLES, "test " + database.name(), timeToLive, wait);
    }

    @Test
    void aSecondHolderWaitsAndGetsTheLeaseOnceTheFirstReleasesIt() throws Exception {
        SchemaLock.Held first = lease(Duration.ofSeconds(30), Duration.ofSeconds(30)).acquire("first");
        String firstHolder = holder();
        assertThat(firstHolder).isNotNull();

        CompletableFuture<SchemaLock.Held> second = CompletableFuture.supplyAsync(
                () -> lease(Duration.ofSeconds(30), Duration.ofSeconds(30)).acquire("second"));
        Thread.sleep(1500);
        assertThat(second).as("the second taker waits while the first holds the lease").isNotDone();

        first.close();
        SchemaLock.Held held = second.get(10, TimeUnit.SECONDS);
        assertThat(holder()).isNotNull().isNotEqualTo(firstHolder);
        held.close();
        assertThat(holder()).as("released: the row is gone").isNull();
    }

    @Test
    void anExpiredLeaseOfAKilledHolderIsTakenOver() throws Exception {
        lease(Duration.ofSeconds(30), Duration.ofSeconds(5)).acquire("making the table").close();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            // what a holder killed mid-work leaves: its row, never renewed again
            s.execute("INSERT INTO lt_schema_lease (name, holder, expires_at)"
                    + " VALUES ('schema', 'killed', UTC_TIMESTAMP(3) + INTERVAL 2 SECOND)");
        }
        long start = System.nanoTime();

        try (SchemaLock.Held held = lease(Duration.ofSeconds(30), Duration.ofSeconds(20)).acquire("after a kill")) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for the expiry")
                    .isGreaterThan(Duration.ofMillis(1000));
            assertThat(holder()).isNotNull().isNotEqualTo("killed");
        }
    }

    @Test
    void aHolderWorkingLongerThanTheTimeToLiveKeepsTheLeaseAndTheWaitIsBounded() throws Exception {
        SchemaLock.Held first = lease(Duration.ofSeconds(2), Duration.ofSeconds(5)).acquire("long work");
        Thread.sleep(3000); // beyond the time to live: held only because it was renewed

        long start = System.nanoTime();
        assertThatThrownBy(() -> lease(Duration.ofSeconds(2), Duration.ofSeconds(3)).acquire("impatient"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("lt_schema_lease")
                .hasMessageContaining("held by");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));

        first.close();
        lease(Duration.ofSeconds(2), Duration.ofSeconds(1)).acquire("right after the release").close();
    }

    @Test
    void aUserWithoutDdlRightsIsToldToRunSchemaApplyAndMayTakeAnExistingLease() throws SQLException {
        String user = "cm_lease_" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        try (Connection admin = ScratchDatabase.admin(); Statement s = admin.createStatement()) {
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + database.name() + ".* TO '" + user + "'@'%'");
        }
        try {
            MySqlSchemaLease app = new MySqlSchemaLease(database.dataSource(user, password), TABLES, "test",
                    Duration.ofSeconds(30), Duration.ofSeconds(2));
            assertThatThrownBy(() -> app.acquire("as the app"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("contextuate-monitor schema apply")
                    .hasMessageNotContaining(password);

            lease(Duration.ofSeconds(30), Duration.ofSeconds(2)).acquire("as the admin").close();
            app.acquire("as the app, the table made").close();
            assertThat(holder()).isNull();
        } finally {
            try (Connection admin = ScratchDatabase.admin(); Statement s = admin.createStatement()) {
                s.execute("DROP USER IF EXISTS '" + user + "'@'%'");
            }
        }
    }

    /** The lease's holder, or null when no row. */
    private String holder() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT holder FROM lt_schema_lease WHERE name = 'schema'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
