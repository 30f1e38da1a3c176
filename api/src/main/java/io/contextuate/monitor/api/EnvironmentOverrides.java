package io.contextuate.monitor.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment variables that override keys of the {@code persistence} section: {@value #PREFIX} followed by
 * the key's path in upper case, dots written as underscores ({@code CONTEXTUATE_MONITOR_PERSISTENCE_DATABASE_HOST}
 * for {@code database.host}). Names are matched case-insensitively against the keys the section has (defaults and
 * file), so camelCase keys work ({@code ..._DATABASE_POOL_MAXIMUMPOOLSIZE}). Under {@code database.properties} the
 * rest of the name is the driver property as written; any other name becomes a lower-case path.
 */
final class EnvironmentOverrides {

    static final String PREFIX = "CONTEXTUATE_MONITOR_PERSISTENCE_";
    private static final String DRIVER_PROPERTIES = "database.properties";

    private EnvironmentOverrides() {
    }

    /**
     * The overrides the variables make to {@code section} (the persistence section: defaults and file merged), as a
     * config to put in front of it.
     */
    static Config of(Config section, Map<String, String> variables) {
        Map<String, List<String>> knownKeys = new HashMap<>();
        collectKeys(section.root(), List.of(), knownKeys);
        Config overrides = ConfigFactory.empty();
        // sorted, so that the outcome does not depend on the map's order
        for (Map.Entry<String, String> variable : new TreeMap<>(variables).entrySet()) {
            String name = variable.getKey();
            if (!name.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || name.length() == PREFIX.length()) {
                continue;
            }
            String rest = name.substring(PREFIX.length());
            List<String> path = knownKeys.getOrDefault(rest.toUpperCase(Locale.ROOT), pathOfUnknown(rest));
            if (path.isEmpty()) {
                continue;
            }
            ConfigValue value = ConfigValueFactory.fromAnyRef(variable.getValue(), "environment variable " + name);
            overrides = overrides.withValue(ConfigUtil.joinPath(path), value);
        }
        return overrides;
    }

    /** The variable name (without prefix) of every key, objects excepted, mapped to the key's path. */
    private static void collectKeys(ConfigObject object, List<String> parent, Map<String, List<String>> keys) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            List<String> path = new ArrayList<>(parent);
            path.add(entry.getKey());
            if (entry.getValue() instanceof ConfigObject child) {
                collectKeys(child, path, keys);
            } else {
                keys.putIfAbsent(String.join("_", path).toUpperCase(Locale.ROOT), List.copyOf(path));
            }
        }
    }

    private static List<String> pathOfUnknown(String rest) {
        String propertiesPrefix = DRIVER_PROPERTIES.replace('.', '_') + "_";
        if (rest.regionMatches(true, 0, propertiesPrefix, 0, propertiesPrefix.length())
                && rest.length() > propertiesPrefix.length()) {
            return List.of("database", "properties", rest.substring(propertiesPrefix.length()));
        }
        return Arrays.stream(rest.toLowerCase(Locale.ROOT).split("_")).filter(part -> !part.isEmpty()).toList();
    }
}
