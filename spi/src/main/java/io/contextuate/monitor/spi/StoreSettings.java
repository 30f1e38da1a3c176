package io.contextuate.monitor.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a store is opened with: the {@code persistence} section of the configuration with overrides and
 * defaults applied, read by path ({@code database.port}, {@code file.baseDir}). What is absent reads as empty, and
 * the provider chooses its default.
 * <p>
 * A key that is present with a value of the wrong type (text where a number belongs, say) throws
 * {@link ConfigurationException} naming the key as the user writes it ({@code persistence.database.port}), where it
 * came from and what was expected; the message never quotes the value, which may be a secret.
 * <p>
 * The application builds these from {@code contextuate-monitor.json}; tests and tools that open a store in code use
 * {@link #of(Map)}. Implementations are immutable.
 */
public interface StoreSettings {

    /** Whether the key is set (to a value, a list or a section). */
    boolean has(String path);

    /** A value as text (a number or {@code true} as written); empty when absent. */
    Optional<String> string(String path);

    /** A whole number; empty when absent. */
    Optional<Integer> integer(String path);

    /** {@code true} or {@code false}; empty when absent. */
    Optional<Boolean> flag(String path);

    /** A duration such as {@code 30s}, or a number of milliseconds; empty when absent. */
    Optional<Duration> duration(String path);

    /** A list of values as text; a single value reads as a list of one; empty when absent. */
    Optional<List<String>> strings(String path);

    /**
     * The values of a section by their names below it, as text ({@code database.properties} gives
     * {@code sslmode -> require}); an empty map when absent.
     */
    Map<String, String> table(String path);

    /**
     * Settings given in code. Keys are paths ({@code "database.port"}) or nest as maps; values are text, numbers,
     * booleans, {@link Duration}s (or text such as {@code 30s}, {@code 500ms}, {@code 2m}), and lists.
     * {@code null} values count as absent.
     */
    static StoreSettings of(Map<String, ?> values) {
        return new MapStoreSettings(values, "in the settings given in code");
    }
}
