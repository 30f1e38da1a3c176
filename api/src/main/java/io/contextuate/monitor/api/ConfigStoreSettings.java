package io.contextuate.monitor.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.StoreSettings;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** {@link StoreSettings} over the resolved {@code persistence} section of a {@link MonitorConfig}. */
final class ConfigStoreSettings implements StoreSettings {

    private final Config persistence;
    private final String origin;

    /** @param origin where the settings came from, for messages ("in /etc/monitor.json") */
    ConfigStoreSettings(Config persistence, String origin) {
        this.persistence = persistence;
        this.origin = origin;
    }

    @Override
    public boolean has(String path) {
        return read(path, "a valid key", p -> true).orElse(false);
    }

    @Override
    public Optional<String> string(String path) {
        return read(path, "a value", p -> {
            ConfigValue v = persistence.getValue(p);
            if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT) {
                throw new ConfigException.WrongType(v.origin(), p, "a value", v.valueType().name());
            }
            return String.valueOf(v.unwrapped());
        });
    }

    @Override
    public Optional<Integer> integer(String path) {
        return read(path, "a whole number", persistence::getInt);
    }

    @Override
    public Optional<Boolean> flag(String path) {
        return read(path, "true or false", persistence::getBoolean);
    }

    @Override
    public Optional<Duration> duration(String path) {
        return read(path, "a duration such as 30s or a number of milliseconds", persistence::getDuration);
    }

    @Override
    public Optional<List<String>> strings(String path) {
        return read(path, "a list of values", p -> persistence.getValue(p).valueType() == ConfigValueType.LIST
                ? Collections.unmodifiableList(persistence.getStringList(p)) : List.of(persistence.getString(p)));
    }

    @Override
    public Map<String, String> table(String path) {
        return read(path, "a section of names and values", p -> {
            Map<String, String> out = new LinkedHashMap<>();
            persistence.getConfig(p).entrySet()
                    .forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue().unwrapped())));
            return Collections.unmodifiableMap(out);
        }).orElse(Map.of());
    }

    private <T> Optional<T> read(String path, String expected, Function<String, T> getter) {
        try {
            return persistence.hasPath(path) ? Optional.of(getter.apply(path)) : Optional.empty();
        } catch (ConfigException e) {
            // typesafe-config's message may quote the value, which may be a secret: say only what is expected
            throw new ConfigurationException("persistence." + path + " " + origin + " has the wrong type: expected "
                    + expected);
        }
    }

    @Override
    public String toString() {
        return "StoreSettings[" + RedactedSettings.render(persistence) + "]";
    }
}
