package io.contextuate.monitor.api;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderDiscoveryTest {

    @TempDir
    static Path scratch;
    static Path plugins;
    static Path alphaJar;
    /** Two plugins, one claiming the other's type as an alias. */
    static Path twinPlugins;
    static Path twinJar;
    static Path otherJar;
    /** A plugin claiming the alias of the class path's test provider. */
    static Path clashJar;

    @BeforeAll
    static void buildPlugins() {
        plugins = scratch.resolve("plugins");
        alphaJar = plugins.resolve("alpha-store.jar");
        twinPlugins = scratch.resolve("twin-plugins");
        twinJar = twinPlugins.resolve("first.jar");
        otherJar = twinPlugins.resolve("second.jar");
        clashJar = scratch.resolve("clash-plugins/clash.jar");
        PluginJarBuilder.build(scratch,
                new PluginJarBuilder.Plugin(alphaJar, "AlphaProvider", "alpha", Set.of("al", "Alfa")),
                new PluginJarBuilder.Plugin(twinJar, "TwinProvider", "twin", Set.of()),
                new PluginJarBuilder.Plugin(otherJar, "OtherProvider", "other", Set.of("TWIN")),
                new PluginJarBuilder.Plugin(clashJar, "ClashProvider", "clash", Set.of("cpt")));
    }

    private static MonitorConfig configWithPlugins(Path pluginsDir, String type) {
        return MonitorConfig.parse("""
                { "persistence": { "type": "%s", "pluginsDir": "%s" } }
                """.formatted(type, pluginsDir.toString().replace("\\", "\\\\")), null);
    }

    @Test
    void aPluginJarIsDiscoveredWithTheJarAsItsOrigin() {
        List<DiscoveredProvider> found = MonitorPersistence.providers(configWithPlugins(plugins, "file"));

        assertThat(found).filteredOn(p -> p.provider().type().equals("alpha"))
                .singleElement()
                .extracting(DiscoveredProvider::origin).isEqualTo(alphaJar.toString());
    }

    @Test
    void aPluginIsLoadedByItsOwnClassLoaderThatTheTestClassLoaderCannotSee() {
        StoreProvider alpha = MonitorPersistence.provider(configWithPlugins(plugins, "alpha"));

        ClassLoader pluginLoader = alpha.getClass().getClassLoader();
        assertThat(pluginLoader).isInstanceOf(URLClassLoader.class).isNotSameAs(getClass().getClassLoader());
        assertThat(pluginLoader.getParent()).isSameAs(MonitorPersistence.class.getClassLoader());
        assertThatThrownBy(() -> Class.forName(alpha.getClass().getName(), false, getClass().getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aPluginIsSelectedByItsTypeOrAnyAliasIgnoringCase() {
        for (String type : List.of("alpha", "ALPHA", "al", "alfa", "AlFa")) {
            assertThat(MonitorPersistence.provider(configWithPlugins(plugins, type)).type())
                    .as("persistence.type %s", type).isEqualTo("alpha");
        }
    }

    @Test
    void openingAPluginStoreHandsItTheResolvedSectionAndTheSourceFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("contextuate-monitor.json");
        Files.writeString(file, """
                { "persistence": { "type": "al", "pluginsDir": "%s", "file": { "baseDir": "data" } } }
                """.formatted(plugins.toString().replace("\\", "\\\\")));

        try (MonitorStore store = MonitorPersistence.open(MonitorConfig.load(file, Map.of(), dir, dir))) {
            assertThat(store.describe()).isEqualTo("alpha store, baseDir data, source " + file);
        }
    }

    @Test
    void aPluginsDirectoryGivenRelativeIsTakenFromTheConfigFilesDirectory(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("conf").resolve("monitor.json");
        Files.createDirectories(file.getParent());
        Files.copy(alphaJar, Files.createDirectories(dir.resolve("conf/my-plugins")).resolve("alpha.jar"));
        Files.writeString(file, "{ \"persistence\": { \"type\": \"alpha\", \"pluginsDir\": \"my-plugins\" } }");

        MonitorConfig config = MonitorConfig.load(file, Map.of(), dir, dir.resolve("elsewhere"));

        assertThat(config.pluginsDirectory()).contains(dir.resolve("conf/my-plugins"));
        assertThat(MonitorPersistence.provider(config).type()).isEqualTo("alpha");
    }

    @Test
    void thePluginsVariableOutranksTheConfigFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("monitor.json");
        Files.writeString(file, "{ \"persistence\": { \"type\": \"alpha\", \"pluginsDir\": \"nowhere\" } }");

        MonitorConfig config = MonitorConfig.load(file, Map.of(MonitorConfig.PLUGINS_VARIABLE, plugins.toString()),
                dir, dir);

        assertThat(config.pluginsDirectory()).contains(plugins);
        assertThat(MonitorPersistence.provider(config).type()).isEqualTo("alpha");
    }

    @Test
    void theSystemPropertyOutranksThePluginsVariable(@TempDir Path dir) {
        System.setProperty(MonitorConfig.PLUGINS_PROPERTY, plugins.toString());
        try {
            MonitorConfig config = MonitorConfig.load(null,
                    Map.of(MonitorConfig.PLUGINS_VARIABLE, dir.resolve("elsewhere").toString()), dir, dir);

            assertThat(config.pluginsDirectory()).contains(plugins);
        } finally {
            System.clearProperty(MonitorConfig.PLUGINS_PROPERTY);
        }
    }

    @Test
    void aProviderOnTheClassPathIsFoundWithItsJarOrDirectoryAsOrigin() {
        List<DiscoveredProvider> found = MonitorPersistence.providers(configWithPlugins(scratch.resolve("none"), "x"));

        assertThat(found).filteredOn(p -> p.provider() instanceof ClassPathTestProvider)
                .singleElement()
                .satisfies(p -> assertThat(p.origin()).startsWith("class path ("))
                .satisfies(p -> assertThat(p.label()).isEqualTo("classpath-test (aliases: cpt)"));
    }

    @Test
    void twoJarsClaimingOneTypeIsAnErrorNamingBothJars() {
        assertThatThrownBy(() -> MonitorPersistence.provider(configWithPlugins(twinPlugins, "twin")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("claimed by 2 providers")
                .hasMessageContaining(twinJar.toString())
                .hasMessageContaining(otherJar.toString());
    }

    @Test
    void aNameOnlyOneProviderClaimsStillSelectsItBesideAClash() {
        assertThat(MonitorPersistence.provider(configWithPlugins(twinPlugins, "other")).type()).isEqualTo("other");
    }

    @Test
    void aPluginClaimingAClassPathProvidersAliasIsAnErrorNamingBothOrigins() {
        assertThatThrownBy(() -> MonitorPersistence.provider(configWithPlugins(clashJar.getParent(), "cpt")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(clashJar.toString())
                .hasMessageContaining("class path (");
    }

    @Test
    void anUnknownTypeListsTheTypesFoundAndWhereItLooked() {
        assertThatThrownBy(() -> MonitorPersistence.provider(configWithPlugins(plugins, "cassandra")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("\"cassandra\"")
                .hasMessageContaining("alpha (aliases: al, alfa) from " + alphaJar)
                .hasMessageContaining("classpath-test (aliases: cpt)")
                .hasMessageContaining("the class path")
                .hasMessageContaining("the plugins directory " + plugins);
    }

    @Test
    void anUnknownTypeSaysWhenThePluginsDirectoryDoesNotExist() {
        Path missing = scratch.resolve("no-such-plugins");

        assertThatThrownBy(() -> MonitorPersistence.provider(configWithPlugins(missing, "cassandra")))
                .hasMessageContaining("the plugins directory " + missing + " (which does not exist)");
    }

    @Test
    void aPluginBuiltForAnotherContractVersionIsRefusedAndSelectingItSaysWhy(@TempDir Path dir) {
        Path futureJar = dir.resolve("plugins/future-store.jar");
        PluginJarBuilder.build(dir, new PluginJarBuilder.Plugin(futureJar, "FutureProvider", "future", Set.of(),
                StoreProvider.CONTRACT_VERSION + 1));
        MonitorConfig config = configWithPlugins(futureJar.getParent(), "future");

        String log;
        List<DiscoveredProvider> found;
        try (CapturedLog captured = new CapturedLog()) {
            found = MonitorPersistence.providers(config);
            log = captured.text();
        }

        assertThat(found).extracting(p -> p.provider().type()).doesNotContain("future");
        assertThat(log).contains("WARN").contains(futureJar.toString());
        assertThatThrownBy(() -> MonitorPersistence.provider(config))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("test.plugin.FutureProvider from " + futureJar)
                .hasMessageContaining("built for store contract version " + (StoreProvider.CONTRACT_VERSION + 1))
                .hasMessageContaining("provides version " + StoreProvider.CONTRACT_VERSION);
    }

    @Test
    void aPluginBuiltForThisContractVersionLoads(@TempDir Path dir) {
        Path currentJar = dir.resolve("plugins/current-store.jar");
        PluginJarBuilder.build(dir, new PluginJarBuilder.Plugin(currentJar, "CurrentProvider", "current", Set.of(),
                StoreProvider.CONTRACT_VERSION));

        assertThat(MonitorPersistence.provider(configWithPlugins(currentJar.getParent(), "current")).type())
                .isEqualTo("current");
    }

    @Test
    void discoveryRunsOncePerPluginsDirectoryAndLaterCallsGetTheSameProviders() {
        StoreProvider first = MonitorPersistence.provider(configWithPlugins(plugins, "alpha"));
        StoreProvider again = MonitorPersistence.provider(configWithPlugins(plugins.resolve("../plugins"), "al"));

        assertThat(again).isSameAs(first);
        assertThat(MonitorPersistence.providers(configWithPlugins(plugins, "file")))
                .filteredOn(p -> p.provider().type().equals("alpha"))
                .singleElement().extracting(DiscoveredProvider::provider).isSameAs(first);
    }

    @Test
    void aPluginThatCannotLoadIsSkippedAndTheOthersStillLoad(@TempDir Path dir) throws IOException {
        Path mixed = dir.resolve("plugins");
        Files.copy(alphaJar, Files.createDirectories(mixed).resolve("b-alpha.jar"));
        PluginJarBuilder.brokenJar(mixed.resolve("a-broken.jar"));
        Files.writeString(mixed.resolve("c-not-a-zip.jar"), "this is not a jar");

        List<DiscoveredProvider> found;
        String log;
        try (CapturedLog captured = new CapturedLog()) {
            found = MonitorPersistence.providers(configWithPlugins(mixed, "alpha"));
            log = captured.text();
        }

        assertThat(found).extracting(p -> p.provider().type()).contains("alpha", ClassPathTestProvider.TYPE);
        assertThat(log).contains("WARN").contains("a-broken.jar").contains("c-not-a-zip.jar");
    }

    @Test
    void aSubdirectoryOfThePluginsDirectoryIsOnePluginWithItsDependencies(@TempDir Path dir) throws IOException {
        Path pluginDir = Files.createDirectories(dir.resolve("plugins/alpha-with-deps"));
        Files.copy(alphaJar, pluginDir.resolve("alpha.jar"));

        List<DiscoveredProvider> found = MonitorPersistence.providers(configWithPlugins(dir.resolve("plugins"), "x"));

        assertThat(found).filteredOn(p -> p.provider().type().equals("alpha"))
                .singleElement()
                .extracting(DiscoveredProvider::origin).isEqualTo(pluginDir.resolve("alpha.jar").toString());
    }

    @Test
    void disabledPersistenceRefusesToOpenAndNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("contextuate-monitor.json");
        Files.writeString(file, "{ \"persistence\": { \"enabled\": false, \"type\": \"alpha\" } }");

        MonitorConfig config = MonitorConfig.load(file, Map.of(), dir, dir);

        assertThatThrownBy(() -> MonitorPersistence.open(config))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("persistence is disabled in " + file)
                .hasMessageContaining("persistence.enabled");
    }
}
