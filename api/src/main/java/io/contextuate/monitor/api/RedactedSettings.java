package io.contextuate.monitor.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Settings rendered for people with secrets hidden: the value of every key whose name contains "password", and any
 * string value that mentions a password (a JDBC URL with {@code password=}), is shown as {@value #HIDDEN}.
 */
final class RedactedSettings {

    static final String HIDDEN = "<hidden>";

    private RedactedSettings() {
    }

    /** {@code {key=value, ...}} in key order, secrets hidden. */
    static String render(Config section) {
        StringJoiner joined = new StringJoiner(", ", "{", "}");
        Map<String, ConfigValue> sorted = new TreeMap<>();
        section.entrySet().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        sorted.forEach((key, value) -> joined.add(key + "=" + (isSecret(key, value) ? HIDDEN : value.unwrapped())));
        return joined.toString();
    }

    static boolean isSecret(String key, ConfigValue value) {
        if (key.toLowerCase(Locale.ROOT).contains("password")) {
            return true;
        }
        return value.valueType() == ConfigValueType.STRING
                && String.valueOf(value.unwrapped()).toLowerCase(Locale.ROOT).contains("password");
    }
}
