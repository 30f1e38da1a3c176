package io.contextuate.monitor.api;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.StoreProvider;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * The store providers available to this process, found in three places: the class path ({@code META-INF/services}),
 * the module path ({@code provides} in the boot layer), and the plugins directory. The one place where providers
 * are discovered and chosen. Discovery runs once per plugins directory in a process: later calls get the same
 * providers (and no new plugin class loaders).
 */
final class ProviderRegistry {

    private static final ConcurrentMap<Optional<Path>, ProviderRegistry> DISCOVERED = new ConcurrentHashMap<>();

    private final List<DiscoveredProvider> providers;
    private final List<String> placesLooked;
    private final List<String> refused;

    private ProviderRegistry(List<DiscoveredProvider> providers, List<String> placesLooked, List<String> refused) {
        this.providers = List.copyOf(providers);
        this.placesLooked = List.copyOf(placesLooked);
        this.refused = List.copyOf(refused);
    }

    /** Every provider, with the plugins of {@code pluginsDirectory} if there is one; discovered once per directory. */
    static ProviderRegistry discover(Optional<Path> pluginsDirectory) {
        return DISCOVERED.computeIfAbsent(pluginsDirectory.map(p -> p.toAbsolutePath().normalize()),
                ProviderRegistry::discoverNow);
    }

    private static ProviderRegistry discoverNow(Optional<Path> pluginsDirectory) {
        ClassLoader apiLoader = ProviderRegistry.class.getClassLoader();
        List<DiscoveredProvider> found = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        boolean onModulePath = ProviderRegistry.class.getModule().isNamed();
        List<String> places = new ArrayList<>(onModulePath
                ? List.of("the class path", "the module path")
                : List.of("the class path"));
        found.addAll(ServiceDiscovery.load(ServiceLoader.load(StoreProvider.class, apiLoader),
                seen::add, ServiceDiscovery::classPathOrModule, String.join(" and ", places), refused));
        if (onModulePath) {
            // the boot layer's providers, in case the api was loaded by a loader that does not see them all
            found.addAll(ServiceDiscovery.load(ServiceLoader.load(ModuleLayer.boot(), StoreProvider.class),
                    seen::add, ServiceDiscovery::classPathOrModule, "the module path", refused));
        }
        if (pluginsDirectory.isPresent()) {
            PluginDirectory plugins = new PluginDirectory(pluginsDirectory.get());
            places.add(plugins.describe());
            found.addAll(plugins.load(apiLoader, refused));
        } else {
            places.add("no plugins directory (none set: " + MonitorConfig.PLUGINS_VARIABLE
                    + " or persistence.pluginsDir names one)");
        }
        found.sort(Comparator.comparing((DiscoveredProvider p) -> p.provider().type())
                .thenComparing(DiscoveredProvider::origin));
        return new ProviderRegistry(found, places, refused);
    }

    /** Every provider found, by type. */
    List<DiscoveredProvider> all() {
        return providers;
    }

    /**
     * The one provider whose type or alias is {@code type} (case-insensitive).
     *
     * @param settingOrigin where the type was set, for messages ("/path/config.json")
     * @throws ConfigurationException when none answers to it, or more than one does
     */
    DiscoveredProvider select(String type, String settingOrigin) {
        List<DiscoveredProvider> matching = providers.stream().filter(p -> p.answersTo(type)).toList();
        if (matching.isEmpty()) {
            throw new ConfigurationException("no store provider for persistence.type \"" + type + "\" (set in "
                    + settingOrigin + "). Found: " + listing() + ". Looked in " + String.join(", ", placesLooked)
                    + (refused.isEmpty() ? "" : ". Refused: " + String.join("; ", refused))
                    + ". Put the provider's jar in the plugins directory or on the class path, or change"
                    + " persistence.type.");
        }
        if (matching.size() > 1) {
            throw new ConfigurationException("persistence.type \"" + type + "\" (set in " + settingOrigin
                    + ") is claimed by " + matching.size() + " providers: "
                    + matching.stream().map(p -> p.label() + " from " + p.origin()).collect(Collectors.joining("; "))
                    + ". Remove all but one of them.");
        }
        return matching.get(0);
    }

    private String listing() {
        return providers.isEmpty()
                ? "none"
                : providers.stream().map(p -> p.label() + " from " + p.origin()).collect(Collectors.joining("; "));
    }
}
