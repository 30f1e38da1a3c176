package io.contextuate.monitor.api;

import io.contextuate.monitor.spi.AccessMode;
import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.ManagedSchema;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.StoreProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Where an application gets its store: finds the store providers (class path, module path, plugins directory) and
 * opens the one that {@code persistence.type} names.
 *
 * <pre>{@code
 * try (MonitorStore store = MonitorPersistence.open(MonitorConfig.load())) { ... }
 * }</pre>
 */
public final class MonitorPersistence {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorPersistence.class);

    private MonitorPersistence() {
    }

    /**
     * Opens the configured store; what it cannot read is reported in the store's own log lines.
     *
     * @throws ConfigurationException when persistence is disabled, no provider or several answer to the type, or
     *                                the provider rejects the settings
     * @throws io.contextuate.monitor.spi.StoreUnavailableException when the store cannot be reached now
     */
    public static MonitorStore open(MonitorConfig config) {
        return open(config, ReadProblemListener.NONE);
    }

    /**
     * Opens the configured store, reporting what it cannot read to {@code problems} as well as to its log.
     *
     * @throws ConfigurationException when persistence is disabled, no provider or several answer to the type, or
     *                                the provider rejects the settings
     * @throws io.contextuate.monitor.spi.StoreUnavailableException when the store cannot be reached now
     */
    public static MonitorStore open(MonitorConfig config, ReadProblemListener problems) {
        return open(config, problems, AccessMode.READ_WRITE);
    }

    /**
     * Opens the configured store to be read only: it writes nothing where its data lives (a source on a read-only
     * mount works) and refuses writes.
     *
     * @throws ConfigurationException as {@link #open(MonitorConfig, ReadProblemListener)}
     * @throws io.contextuate.monitor.spi.StoreUnavailableException when the store cannot be reached now
     */
    public static MonitorStore openForReading(MonitorConfig config, ReadProblemListener problems) {
        return open(config, problems, AccessMode.READ_ONLY);
    }

    private static MonitorStore open(MonitorConfig config, ReadProblemListener problems, AccessMode access) {
        requireEnabled(config);
        DiscoveredProvider chosen = select(config);
        LOG.debug("opening a {} store ({} from {}), configured by {}", config.type(),
                chosen.provider().description(), chosen.origin(), config.describeSource());
        return chosen.provider().open(config.context(problems, access));
    }

    /**
     * The provider {@code persistence.type} selects, by type or alias, case-insensitively.
     *
     * @throws ConfigurationException when none answers to the type (the message lists those found and where it
     *                                looked), or several do (the message names where each came from)
     */
    public static StoreProvider provider(MonitorConfig config) {
        return select(config).provider();
    }

    /**
     * The schema management of the configured store, for stores that have one.
     *
     * @throws ConfigurationException when persistence is disabled, or as {@link #provider(MonitorConfig)}
     */
    public static Optional<ManagedSchema> schema(MonitorConfig config) {
        requireEnabled(config);
        return provider(config).schema(config.context(ReadProblemListener.NONE));
    }

    private static void requireEnabled(MonitorConfig config) {
        if (!config.enabled()) {
            throw new ConfigurationException("persistence is disabled in " + config.describeSource()
                    + " (persistence.enabled is false); set it to true to use a store");
        }
    }

    /**
     * Every provider found on the class path, the module path, and in the plugins directory of the configuration
     * the search order finds ({@link MonitorConfig#load()}).
     *
     * @throws ConfigurationException when that configuration cannot be read
     */
    public static List<DiscoveredProvider> providers() {
        return providers(MonitorConfig.load());
    }

    /** Every provider found on the class path, the module path, and in {@code config}'s plugins directory. */
    public static List<DiscoveredProvider> providers(MonitorConfig config) {
        return ProviderRegistry.discover(config.pluginsDirectory()).all();
    }

    private static DiscoveredProvider select(MonitorConfig config) {
        return ProviderRegistry.discover(config.pluginsDirectory()).select(config.type(), config.describeSource());
    }
}
