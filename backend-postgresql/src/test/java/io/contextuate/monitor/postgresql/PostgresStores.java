package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.MonitorStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * Gives a test class its own fresh database, and each test an empty store in it (tables emptied by the admin user,
 * then a new store opened through the provider, which applies the schema on first use).
 */
final class PostgresStores implements BeforeAllCallback, AfterAllCallback {

    private final String schema;
    private final String prefix;
    private final Map<String, Object> overrides;
    private TestDatabase db;

    PostgresStores(String schema, String prefix) {
        this(schema, prefix, Map.of());
    }

    /** Stores with more database settings ({@code partitioning}, say). */
    PostgresStores(String schema, String prefix, Map<String, Object> overrides) {
        this.schema = schema;
        this.prefix = prefix;
        this.overrides = Map.copyOf(overrides);
    }

    PostgresStores() {
        this("public", "");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (db == null) {
            db = TestDatabase.create();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (db != null && context.getTestClass().map(c -> c.getEnclosingClass() == null).orElse(true)) {
            db.close();
            db = null;
        }
    }

    TestDatabase database() {
        return db;
    }

    /** A new store over emptied tables. */
    MonitorStore openEmpty() {
        Map<String, Object> settings = new java.util.HashMap<>(overrides);
        settings.put("schema", schema);
        settings.put("tablePrefix", prefix);
        MonitorStore store = db.open(settings);
        // CASCADE: whatever else references sessions
        db.execute("TRUNCATE " + schema + "." + prefix + "events, " + schema + "." + prefix + "sessions CASCADE");
        return store;
    }
}
