package io.contextuate.monitor.spi;

import java.util.Optional;
import java.util.Set;

/**
 * A kind of store, found at run time with {@link java.util.ServiceLoader} (a {@code META-INF/services} entry on the
 * class path, {@code provides} on the module path, or a jar in the plugins directory) and chosen by the
 * {@code persistence.type} of the configuration.
 *
 * <p>Implementations have a public no-argument constructor and are cheap to create: opening a store is where work
 * happens.
 */
public interface StoreProvider {

    /**
     * The version of this contract (the spi's types and their meaning). It goes up when a change would break a
     * provider built against the previous one; additions that keep old providers working (a default method) leave it
     * as it is. The loader refuses a provider built for another version.
     * <p>
     * 2: {@link StoreContext} carries {@link StoreSettings} (was typesafe-config's {@code Config}), and the spi needs
     * only Jackson. 1: the first published contract.
     */
    int CONTRACT_VERSION = 2;

    /**
     * The contract version this provider was built against. Implement it as {@code return CONTRACT_VERSION;}: the
     * constant is compiled into the provider's class, so the loader learns which contract it was built for and
     * refuses one built for another with a clear message (instead of a {@code NoSuchMethodError} in the middle of
     * a command). It has no default on purpose: a default would claim the version of whatever spi the process runs
     * with, and so accept every provider.
     */
    int contractVersion();

    /** The name {@code persistence.type} selects this provider by, in lower case, for example {@code postgresql}. */
    String type();

    /** Other names that select this provider, for example {@code pg}; none by default. */
    default Set<String> aliases() {
        return Set.of();
    }

    /** One line for people: what the store is and what it needs. */
    String description();

    /**
     * Opens a store.
     *
     * @throws ConfigurationException     when the settings cannot be used, naming the key
     * @throws StoreUnavailableException when the store cannot be reached now
     */
    MonitorStore open(StoreContext context);

    /** The store's schema management, for stores that have one (SQL stores); empty by default. */
    default Optional<ManagedSchema> schema(StoreContext context) {
        return Optional.empty();
    }
}
