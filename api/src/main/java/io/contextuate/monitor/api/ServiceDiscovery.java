package io.contextuate.monitor.api;

import io.contextuate.monitor.spi.StoreProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Instantiates the store providers a {@link ServiceLoader} finds, one at a time, so that a provider that fails
 * (a broken services entry, a missing dependency, a throwing constructor) is reported and skipped while the others
 * still load, and refuses a provider built for another version of the store contract
 * ({@link StoreProvider#contractVersion()}).
 */
final class ServiceDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceDiscovery.class);
    /** A bound on consecutive failures, in case a broken loader keeps failing at the same place. */
    private static final int MAX_FAILURES = 100;

    private ServiceDiscovery() {
    }

    /**
     * The providers {@code loader} finds whose class passes {@code accept}, with the origin of each; {@code where}
     * names the place in warnings. A provider built for another contract version is left out, and why is added to
     * {@code refused}.
     */
    static List<DiscoveredProvider> load(ServiceLoader<StoreProvider> loader, Predicate<Class<?>> accept,
                                         Function<Class<?>, String> originOf, String where, List<String> refused) {
        List<DiscoveredProvider> found = new ArrayList<>();
        Iterator<ServiceLoader.Provider<StoreProvider>> candidates = loader.stream().iterator();
        int failures = 0;
        while (failures < MAX_FAILURES) {
            try {
                if (!candidates.hasNext()) {
                    break;
                }
                ServiceLoader.Provider<StoreProvider> candidate = candidates.next();
                if (accept.test(candidate.type())) {
                    StoreProvider provider = candidate.get();
                    String origin = originOf.apply(candidate.type());
                    int built;
                    try {
                        built = provider.contractVersion();
                    } catch (AbstractMethodError none) {
                        built = 0; // built before the contract had versions
                    }
                    if (built == StoreProvider.CONTRACT_VERSION) {
                        found.add(new DiscoveredProvider(provider, origin));
                    } else {
                        String why = "the store provider " + candidate.type().getName() + " from " + origin
                                + " was built for store contract version " + built + ", and this installation"
                                + " provides version " + StoreProvider.CONTRACT_VERSION + ": use a build of it for"
                                + " contract version " + StoreProvider.CONTRACT_VERSION;
                        LOG.warn("refusing {}", why);
                        refused.add(why);
                    }
                }
                failures = 0;
            } catch (ServiceConfigurationError | LinkageError e) {
                failures++;
                LOG.warn("skipping a store provider in {} that cannot be loaded: {}", where, e.toString());
            }
        }
        return found;
    }

    /** {@code module NAME} for a class of a named module, else {@code class path (JAR)}. */
    static String classPathOrModule(Class<?> type) {
        Module module = type.getModule();
        if (module.isNamed()) {
            return "module " + module.getName();
        }
        return location(type).map(path -> "class path (" + path + ")").orElse("class path");
    }

    /** The jar or directory a class was loaded from, when its class loader tells. */
    static Optional<Path> location(Class<?> type) {
        CodeSource codeSource = type.getProtectionDomain().getCodeSource();
        if (codeSource == null || codeSource.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(codeSource.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }
}
