package io.contextuate.monitor.sql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pool opens with the JDBC driver of the store's own class loader, as a plugin in {@code plugins/} has it (its
 * driver in its own loader, which DriverManager does not search), and says so when no driver accepts the URL.
 * Runs against the PostgreSQL server of the machine (127.0.0.1:5432, user postgres, trust auth).
 */
class ConnectionPoolTest {

    private static final String URL = "jdbc:postgresql://" + env("CONTEXTUATE_TEST_PG_HOST", "127.0.0.1") + ":"
            + env("CONTEXTUATE_TEST_PG_PORT", "5432") + "/postgres";

    private URLClassLoader plugin;

    @BeforeEach
    void pluginWithItsOwnDriver() throws Exception {
        Path driver = Path.of(System.getProperty("contextuate.test.pluginDriver", "target/plugin-driver/postgresql.jar"));
        assertThat(driver).as("the driver jar the build copies for this test").isRegularFile();
        plugin = new URLClassLoader("plugin test-store", new java.net.URL[]{driver.toUri().toURL()},
                ConnectionPoolTest.class.getClassLoader());
    }

    @AfterEach
    void closeLoader() throws Exception {
        plugin.close();
    }

    @Test
    void thePoolOpensWithTheDriverOfThePluginsClassLoader() throws Exception {
        assertThatThrownBy(() -> Class.forName("org.postgresql.Driver", false, getClass().getClassLoader()))
                .as("the driver must not be on the test's own class path").isInstanceOf(ClassNotFoundException.class);
        DatabaseSettings settings = settings(Map.of("url", URL, "user", "postgres"));

        try (ConnectionPool pool = ConnectionPool.open(settings, URL, new Properties(), "test-plugin", plugin);
             Connection connection = pool.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 41 + 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
            assertThat(connection.unwrap(Connection.class).getClass().getClassLoader()).isSameAs(plugin);
        }
    }

    @Test
    void withoutADriverOpeningSaysSoNamingTheUrlAndTheClassLoadersSearched() {
        String secret = "s3cret-Pass";
        String url = URL + "?password=" + secret;
        DatabaseSettings settings = settings(Map.of("url", url, "user", "postgres", "password", secret));

        assertThatThrownBy(() -> ConnectionPool.open(settings, url, new Properties(), "test-no-driver",
                getClass().getClassLoader()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("No JDBC driver accepts " + URL)
                .hasMessageContaining("app")
                .hasMessageContaining("bootstrap")
                .hasMessageNotContaining(secret)
                .hasMessageNotContaining("Check that the database is running");
    }

    @Test
    void aPluginsLoaderIsNamedWithItsJarsWhenItsDriverDoesNotTakeTheUrl() {
        String url = "jdbc:nosuchdb:/tmp/x.db";
        DatabaseSettings settings = settings(Map.of("url", url));

        assertThatThrownBy(() -> ConnectionPool.unpooled(settings, url, new Properties(), plugin))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("No JDBC driver accepts " + url)
                .hasMessageContaining("plugin test-store [postgresql-")
                .hasMessageContaining("org.postgresql.Driver");
    }

    @Test
    void aFileDatabaseIsAPathRelativeToTheConfigurationFileAndIsDescribedAsOne() throws Exception {
        Path dir = Files.createTempDirectory("cm-settings");
        Path config = dir.resolve("contextuate-monitor.json");
        StoreContext context = new StoreContext(StoreSettings.of(Map.of("database.path", "data/monitor.db")),
                config, null);

        DatabaseSettings settings = DatabaseSettings.fromFileDatabase(context);

        assertThat(settings.path()).isEqualTo(dir.resolve("data/monitor.db").toAbsolutePath());
        assertThat(settings.describe()).contains("file " + settings.path()).doesNotContain("localhost")
                .doesNotContain(":0/").doesNotContain("null");
    }

    private static DatabaseSettings settings(Map<String, String> database) {
        Map<String, Object> keys = new java.util.HashMap<>();
        database.forEach((k, v) -> keys.put("database." + k, v));
        keys.put("database.pool.connectionTimeout", "5s");
        return DatabaseSettings.fromFileDatabase(new StoreContext(StoreSettings.of(keys), null, null));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
