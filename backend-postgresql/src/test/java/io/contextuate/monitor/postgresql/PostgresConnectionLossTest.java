package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.RetryPolicy;
import io.contextuate.monitor.spi.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.contextuate.monitor.postgresql.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A lost connection is reported at once as "store unavailable" and the owner's next try (under the one
 * {@link RetryPolicy}) works on a fresh one; a server that cannot be reached is "store unavailable".
 */
class PostgresConnectionLossTest {

    @Test
    void idempotentWorkSucceedsUnderTheOwnersRetryPolicyAfterTheServerClosedTheStoresConnections() {
        RetryPolicy owner = RetryPolicy.within(Duration.ofSeconds(20));
        try (TestDatabase db = TestDatabase.create(); MonitorStore store = db.open(Map.of("pool.maximumPoolSize", 2))) {
            assertThat(store.saveEvent(event("s", "before", 1))).isTrue();

            db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid()");

            assertThat(owner.call("save", () -> store.saveEvent(event("s", "after", 2)))).isTrue();
            assertThat(owner.call("read", () -> store.getEvents("s"))).hasSize(2);
        }
    }

    @Test
    void aServerThatCannotBeReachedIsReportedAsUnavailableWithoutThePassword() {
        try (TestDatabase db = TestDatabase.create()) {
            String password = "secret-" + System.nanoTime();
            assertThatThrownBy(() -> db.open(Map.of("url", "jdbc:postgresql://127.0.0.1:1/" + db.name(),
                    "password", password, "connectTimeout", "1s", "pool.connectionTimeout", "1s")))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageNotContaining(password);
        }
    }

    @Test
    void theSchemaOfAServerThatCannotBeReachedIsReportedAsUnavailable() {
        try (TestDatabase db = TestDatabase.create()) {
            var schema = new PostgresStoreProvider().schema(db.context(Map.of(
                    "url", "jdbc:postgresql://127.0.0.1:1/" + db.name(), "connectTimeout", "1s"))).orElseThrow();
            assertThatThrownBy(schema::status).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("Check that the server is running");
        }
    }

    @Test
    void theSchemaScriptIsPrintedWithoutReachingTheServer() {
        try (TestDatabase db = TestDatabase.create()) {
            var schema = new PostgresStoreProvider().schema(db.context(Map.of(
                    "url", "jdbc:postgresql://127.0.0.1:1/" + db.name(), "tablePrefix", "cm_"))).orElseThrow();
            assertThat(schema.script()).contains("CREATE TABLE").contains("cm_events").doesNotContain("${prefix}")
                    .containsSubsequence("V1__", "V2__");
        }
    }
}
