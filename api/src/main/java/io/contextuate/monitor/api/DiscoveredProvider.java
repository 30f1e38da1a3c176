package io.contextuate.monitor.api;

import io.contextuate.monitor.spi.StoreProvider;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A store provider that discovery found, and where.
 *
 * @param provider the provider
 * @param origin   where it was found: the path of its jar (plugins directory), {@code module NAME} (module path),
 *                 or {@code class path} followed by its jar in parentheses when known
 */
public record DiscoveredProvider(StoreProvider provider, String origin) {

    public DiscoveredProvider {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(origin, "origin");
    }

    /** The provider's type and aliases, in lower case: every name {@code persistence.type} selects it by. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        names.add(provider.type().toLowerCase(Locale.ROOT));
        provider.aliases().forEach(alias -> names.add(alias.toLowerCase(Locale.ROOT)));
        return names;
    }

    /** Whether {@code persistence.type} value {@code name} selects this provider (case-insensitive). */
    public boolean answersTo(String name) {
        return names().contains(name.trim().toLowerCase(Locale.ROOT));
    }

    /** {@code type (aliases: a, b)}, for listings and messages. */
    public String label() {
        Set<String> aliases = new TreeSet<>(names());
        aliases.remove(provider.type().toLowerCase(Locale.ROOT));
        return aliases.isEmpty() ? provider.type() : provider.type() + " (aliases: " + String.join(", ", aliases) + ")";
    }
}
