package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreSettings;
import io.contextuate.monitor.spi.StoreProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code file} provider: found by ServiceLoader, and where it puts the store. */
class FileStoreProviderTest {

    @TempDir
    Path dir;

    @Test
    void serviceLoaderFindsTheFileProvider() {
        assertThat(ServiceLoader.load(StoreProvider.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(p -> {
                    assertThat(p).isInstanceOf(FileStoreProvider.class);
                    assertThat(p.type()).isEqualTo("file");
                    assertThat(p.description()).isNotBlank();
                });
    }

    @Test
    void withoutBaseDirTheStoreIsInTheHomeDirectory() {
        assertThat(FileStoreProvider.baseDir(context(Map.of(), null)))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".contextuate", "monitor"));
    }

    @Test
    void aTildeIsTheHomeDirectory() {
        assertThat(FileStoreProvider.baseDir(context(Map.of("file.baseDir", "~/elsewhere"), null)))
                .isEqualTo(Path.of(System.getProperty("user.home"), "elsewhere"));
    }

    @Test
    void aRelativeBaseDirIsTakenFromTheConfigurationFilesDirectory() {
        Path config = dir.resolve("conf").resolve("contextuate-monitor.json");
        assertThat(FileStoreProvider.baseDir(context(Map.of("file.baseDir", "data/monitor"), config)))
                .isEqualTo(dir.resolve("conf").resolve("data").resolve("monitor"));
    }

    @Test
    void aRelativeBaseDirWithoutAConfigurationFileIsTakenFromTheWorkingDirectory() {
        assertThat(FileStoreProvider.baseDir(context(Map.of("file.baseDir", "data"), null)))
                .isEqualTo(Path.of("").toAbsolutePath().resolve("data"));
    }

    @Test
    void theOpenedStoreSaysWhereItIs() {
        try (MonitorStore store = new FileStoreProvider().open(context(Map.of("file.baseDir", dir.toString()),
                null))) {
            assertThat(store.describe()).isEqualTo("file store at " + dir);
        }
    }

    @Test
    void aBaseDirThatIsAFileIsAConfigurationErrorNamingTheKey() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> new FileStoreProvider().open(context(Map.of("file.baseDir", file.toString()),
                null)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("persistence.file.baseDir");
    }

    private static StoreContext context(Map<String, String> persistence, Path source) {
        return new StoreContext(StoreSettings.of(persistence), source, null);
    }
}
