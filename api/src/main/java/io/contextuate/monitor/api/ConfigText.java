package io.contextuate.monitor.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.contextuate.monitor.spi.ConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads configuration text: upstream's {@code contextuate-monitor.json} (JSON, {@code //} comments allowed), any
 * HOCON file, and the built-in defaults; and turns typesafe-config's errors into messages that never echo a value.
 */
final class ConfigText {

    static final String DEFAULTS_RESOURCE = "contextuate-monitor-defaults.conf";

    /** Quoted text in typesafe's messages: a token or value from the file, which could be a secret. */
    private static final Pattern QUOTED = Pattern.compile("'[^'\\n]*'|\"[^\"\\n]*\"");
    private static final Pattern KEY_PATH = Pattern.compile("persistence(\\.[A-Za-z0-9]+)*");

    private ConfigText() {
    }

    /** Parses a configuration file. HOCON syntax, which reads plain JSON the same way and allows comments. */
    static Config readFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("cannot read the configuration: " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the configuration: " + file + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        if (text.isBlank()) {
            // taken as the defaults, an empty file would silently mean the file store in the home directory
            throw new ConfigurationException("cannot read the configuration: " + file + " is empty; write at least"
                    + " { \"persistence\": { \"type\": \"file\" } }, or name another file");
        }
        try {
            return ConfigFactory.parseFile(file.toFile(), options(file.toString()));
        } catch (ConfigException e) {
            throw new ConfigurationException(JsonSyntax.problem(text, file)
                    .map(problem -> "cannot read the configuration: " + problem)
                    .orElseGet(() -> describe(e, file.toString())));
        }
    }

    /** Parses configuration text, named {@code originDescription} in messages. */
    static Config readText(String text, String originDescription) {
        try {
            return ConfigFactory.parseString(text, options(originDescription));
        } catch (ConfigException e) {
            throw new ConfigurationException(describe(e, originDescription));
        }
    }

    /** The built-in defaults shipped in this jar, documenting every key. */
    static Config defaults() {
        try (InputStream in = ConfigText.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the api jar lacks its resource " + DEFAULTS_RESOURCE);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return ConfigFactory.parseReader(reader, options("built-in defaults"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A message for a person: where (file and line, as typesafe-config reports it) and what, with every quoted
     * token or value replaced by {@code '...'} so that no value of the file (a password) is repeated.
     */
    static String describe(ConfigException e, String fallbackOrigin) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String redacted = QUOTED.matcher(message).replaceAll(quoted -> isSafeToRepeat(quoted.group())
                ? Matcher.quoteReplacement(quoted.group())
                : "'...'");
        boolean namesOrigin = e.origin() != null || redacted.contains(fallbackOrigin);
        String where = namesOrigin ? "" : fallbackOrigin + ": ";
        return "cannot read the configuration: " + where + redacted;
    }

    /** One character is punctuation the parser expected or met ('}'), a key path is ours; the rest may be a value. */
    private static boolean isSafeToRepeat(String quoted) {
        return quoted.length() <= 3 || KEY_PATH.matcher(quoted.substring(1, quoted.length() - 1)).matches();
    }

    private static ConfigParseOptions options(String originDescription) {
        return ConfigParseOptions.defaults()
                .setSyntax(ConfigSyntax.CONF)
                .setOriginDescription(originDescription)
                .setAllowMissing(false);
    }
}
