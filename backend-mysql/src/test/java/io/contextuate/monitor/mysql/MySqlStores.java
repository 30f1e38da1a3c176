package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.MonitorStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Gives a test class its own fresh database, and each test an empty store in it: a new store opened through the
 * provider (which applies the schema on first use), then its tables emptied by the admin user.
 */
final class MySqlStores implements BeforeAllCallback, AfterAllCallback {

    private final String prefix;
    private ScratchDatabase database;

    MySqlStores(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (database == null) {
            database = ScratchDatabase.create();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null && context.getTestClass().map(c -> c.getEnclosingClass() == null).orElse(true)) {
            database.close();
            database = null;
        }
    }

    ScratchDatabase database() {
        return database;
    }

    /** A new store over emptied tables. */
    MonitorStore openEmpty() {
        MonitorStore store = new MySqlStoreProvider().open(database.context(prefix));
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM " + prefix + "events");
            statement.execute("DELETE FROM " + prefix + "sessions");
        } catch (SQLException e) {
            store.close();
            throw new AssertionError("cannot empty the tables of " + database.name() + ": " + e.getMessage(), e);
        }
        return store;
    }
}
