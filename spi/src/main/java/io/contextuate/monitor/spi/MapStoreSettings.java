package io.contextuate.monitor.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link StoreSettings} over values given in code, kept as a flat map from path to value. */
final class MapStoreSettings implements StoreSettings {

    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+)\\s*([a-z]*)\\s*");
    private static final Map<String, Duration> UNITS = units();

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final String origin;

    MapStoreSettings(Map<String, ?> given, String origin) {
        flatten("", given);
        this.origin = origin;
    }

    private void flatten(String prefix, Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String path = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested) {
                flatten(path + ".", nested);
            } else if (e.getValue() != null) {
                values.put(path, e.getValue());
            }
        }
    }

    @Override
    public boolean has(String path) {
        return values.containsKey(path) || isSection(path);
    }

    @Override
    public Optional<String> string(String path) {
        return scalar(path, "a value").map(String::valueOf);
    }

    @Override
    public Optional<Integer> integer(String path) {
        return scalar(path, "a whole number").map(v -> {
            try {
                if (v instanceof Number n && n.doubleValue() == n.intValue()) {
                    return n.intValue();
                }
                return Integer.parseInt(String.valueOf(v).trim());
            } catch (NumberFormatException e) {
                throw wrongType(path, "a whole number");
            }
        });
    }

    @Override
    public Optional<Boolean> flag(String path) {
        return scalar(path, "true or false").map(v -> switch (String.valueOf(v).trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw wrongType(path, "true or false");
        });
    }

    @Override
    public Optional<Duration> duration(String path) {
        String expected = "a duration such as 30s or a number of milliseconds";
        return scalar(path, expected).map(v -> {
            if (v instanceof Duration d) {
                return d;
            }
            if (v instanceof Number n) {
                return Duration.ofMillis(n.longValue());
            }
            Matcher m = DURATION.matcher(String.valueOf(v).toLowerCase(Locale.ROOT));
            Duration unit = m.matches() ? UNITS.get(m.group(2)) : null;
            if (unit == null) {
                throw wrongType(path, expected);
            }
            return unit.multipliedBy(Long.parseLong(m.group(1)));
        });
    }

    @Override
    public Optional<List<String>> strings(String path) {
        if (!values.containsKey(path)) {
            if (isSection(path)) {
                throw wrongType(path, "a list of values");
            }
            return Optional.empty();
        }
        Object v = values.get(path);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> || item instanceof List<?> || item == null) {
                    throw wrongType(path, "a list of values");
                }
                out.add(String.valueOf(item));
            }
        } else {
            out.add(String.valueOf(v));
        }
        return Optional.of(Collections.unmodifiableList(out));
    }

    @Override
    public Map<String, String> table(String path) {
        if (values.containsKey(path)) {
            throw wrongType(path, "a section of names and values");
        }
        String prefix = path + ".";
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), String.valueOf(value));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    private Optional<Object> scalar(String path, String expected) {
        Object v = values.get(path);
        if (v == null) {
            if (isSection(path)) {
                throw wrongType(path, expected);
            }
            return Optional.empty();
        }
        if (v instanceof List<?>) {
            throw wrongType(path, expected);
        }
        return Optional.of(v);
    }

    private boolean isSection(String path) {
        String prefix = path + ".";
        return values.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    private ConfigurationException wrongType(String path, String expected) {
        return new ConfigurationException("persistence." + path + " " + origin + " has the wrong type: expected "
                + expected);
    }

    private static Map<String, Duration> units() {
        Map<String, Duration> units = new LinkedHashMap<>();
        for (String u : List.of("", "ms", "milli", "millis", "millisecond", "milliseconds")) {
            units.put(u, Duration.ofMillis(1));
        }
        for (String u : List.of("s", "second", "seconds")) {
            units.put(u, Duration.ofSeconds(1));
        }
        for (String u : List.of("m", "minute", "minutes")) {
            units.put(u, Duration.ofMinutes(1));
        }
        for (String u : List.of("h", "hour", "hours")) {
            units.put(u, Duration.ofHours(1));
        }
        for (String u : List.of("d", "day", "days")) {
            units.put(u, Duration.ofDays(1));
        }
        return Map.copyOf(units);
    }

    @Override
    public String toString() {
        return "StoreSettings" + values.keySet();
    }
}
