package io.contextuate.monitor.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueFactory;
import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.AccessMode;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.StoreContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The persistence settings of Contextuate Monitor, resolved: what {@code contextuate-monitor.json} says (upstream's
 * file works as it is, {@code //} comments and unrelated keys such as {@code server} included), over the built-in
 * defaults, under the environment's overrides. Immutable.
 *
 * <p>Where the file comes from: an explicit file ({@code --config}), else {@code $CONTEXTUATE_MONITOR_CONFIG}, else
 * {@code ./contextuate-monitor.json}, else {@code ~/.contextuate/monitor/config.json}, else the built-in defaults
 * (the file store at {@code ~/.contextuate/monitor}). Every key of the {@code persistence} section can be overridden
 * by an environment variable such as {@code CONTEXTUATE_MONITOR_PERSISTENCE_DATABASE_HOST}; the keys and the scheme
 * are documented in the api jar's {@code contextuate-monitor-defaults.conf}.
 *
 * <p>{@link #toString()} hides every password.
 */
public final class MonitorConfig {

    /** The system property naming the plugins directory; it takes precedence over everything else. */
    public static final String PLUGINS_PROPERTY = "contextuate.monitor.plugins";
    /** The environment variable naming the plugins directory; it takes precedence over {@code pluginsDir}. */
    public static final String PLUGINS_VARIABLE = "CONTEXTUATE_MONITOR_PLUGINS";

    private final Config persistence;
    private final Path source;
    private final String description;
    private final Path pluginsDirectory;

    private MonitorConfig(Config persistence, Path source, String description, Path pluginsDirectory) {
        this.persistence = persistence;
        this.source = source;
        this.description = description;
        this.pluginsDirectory = pluginsDirectory;
    }

    /**
     * The configuration found by the search order, without an explicit file.
     *
     * @throws ConfigurationException when a file applies but cannot be read or used
     */
    public static MonitorConfig load() {
        return load(null, Environment.system());
    }

    /**
     * The configuration in {@code explicitFile}, which must exist; {@code null} means the search order, as
     * {@link #load()}.
     *
     * @throws ConfigurationException when the file does not exist, does not parse, or holds unusable settings
     */
    public static MonitorConfig load(Path explicitFile) {
        return load(explicitFile, Environment.system());
    }

    /** {@link #load(Path)} with the given environment variables, home and working directory. */
    static MonitorConfig load(Path explicitFile, Map<String, String> env, Path home, Path cwd) {
        return load(explicitFile, new Environment(env, home, cwd));
    }

    private static MonitorConfig load(Path explicitFile, Environment environment) {
        return ConfigSearch.find(explicitFile, environment)
                .map(file -> assemble(ConfigText.readFile(file), file, file.toString(), environment, true))
                .orElseGet(() -> assemble(ConfigFactory.empty(), null, "built-in defaults", environment, true));
    }

    /**
     * The store a command's {@code --from} or {@code --to} names: a configuration file, or a directory, meaning a
     * file store at that base directory. A path that does not exist is taken as the directory of a new file store,
     * unless its name ends in {@code .json} or {@code .conf}.
     *
     * @throws ConfigurationException when it names a configuration file that does not exist or cannot be used
     */
    public static MonitorConfig forStore(Path configFileOrDirectory) {
        Path path = configFileOrDirectory.toAbsolutePath().normalize();
        String name = String.valueOf(path.getFileName()).toLowerCase(Locale.ROOT);
        boolean namesFile = Files.isRegularFile(path) || name.endsWith(".json") || name.endsWith(".conf");
        return namesFile ? load(path) : fileStore(path);
    }

    /** A file store at {@code baseDir} (made absolute), everything else at its built-in default. */
    public static MonitorConfig fileStore(Path baseDir) {
        Path absolute = baseDir.toAbsolutePath().normalize();
        Config settings = ConfigFactory.empty()
                .withValue("persistence.type", ConfigValueFactory.fromAnyRef("file", "a file store directory"))
                .withValue("persistence.enabled", ConfigValueFactory.fromAnyRef(true, "a file store directory"))
                .withValue("persistence.file.baseDir",
                        ConfigValueFactory.fromAnyRef(absolute.toString(), "a file store directory"));
        Environment environment = Environment.system();
        return assemble(settings, null, "the file store at " + absolute, environment, false);
    }

    /**
     * Configuration text (JSON or HOCON, as a file would hold), over the built-in defaults, without environment
     * overrides; for tests and tools.
     *
     * @param source the file the text is said to come from, for messages and relative paths; may be {@code null}
     * @throws ConfigurationException when the text does not parse or holds unusable settings
     */
    public static MonitorConfig parse(String json, Path source) {
        return parse(json, source, Environment.withoutVariables(), false);
    }

    /** {@link #parse(String, Path)} with the environment's overrides applied. */
    static MonitorConfig parse(String json, Path source, Map<String, String> env, Path home, Path cwd) {
        return parse(json, source, new Environment(env, home, cwd), true);
    }

    private static MonitorConfig parse(String text, Path source, Environment environment, boolean overrides) {
        Path absolute = source == null ? null : environment.cwd().resolve(source).toAbsolutePath().normalize();
        String description = absolute == null ? "configuration text" : absolute.toString();
        return assemble(ConfigText.readText(text, description), absolute, description, environment, overrides);
    }

    private static MonitorConfig assemble(Config file, Path source, String description, Environment environment,
                                          boolean applyOverrides) {
        try {
            Config variables = ConfigValueFactory.fromMap(environment.variables()).toConfig();
            Config merged = file.withFallback(ConfigText.defaults())
                    .withFallback(variables)
                    .resolve(ConfigResolveOptions.noSystem());
            Config section = merged.getConfig("persistence");
            if (applyOverrides) {
                section = EnvironmentOverrides.of(section, environment.variables()).withFallback(section);
            }
            if (!section.hasPath("file.baseDir")) {
                Path defaultBase = environment.home().resolve(".contextuate").resolve("monitor");
                section = section.withValue("file.baseDir",
                        ConfigValueFactory.fromAnyRef(defaultBase.toString(), "built-in default (home directory)"));
            }
            validate(section.atKey("persistence"), description);
            Path plugins = pluginsDirectory(section, source, environment);
            return new MonitorConfig(section, source, description, plugins);
        } catch (ConfigException e) {
            throw new ConfigurationException(ConfigText.describe(e, description));
        }
    }

    /** Checks the keys this class reads, so that a wrong type is reported with the key's full path. */
    private static void validate(Config root, String description) {
        root.getBoolean("persistence.enabled");
        if (root.getString("persistence.type").isBlank()) {
            throw new ConfigurationException("persistence.type in " + description
                    + " is empty; name a store type, for example file, postgresql or mysql");
        }
        if (root.hasPath("persistence.pluginsDir")) {
            root.getString("persistence.pluginsDir");
        }
    }

    private static Path pluginsDirectory(Config section, Path source, Environment environment) {
        String property = System.getProperty(PLUGINS_PROPERTY);
        if (property != null && !property.isBlank()) {
            return environment.resolve(property);
        }
        Optional<String> variable = environment.variable(PLUGINS_VARIABLE);
        if (variable.isPresent()) {
            return environment.resolve(variable.get());
        }
        if (!section.hasPath("pluginsDir") || section.getString("pluginsDir").isBlank()) {
            return null;
        }
        Path base = source == null ? environment.cwd() : source.getParent();
        return base.resolve(section.getString("pluginsDir")).toAbsolutePath().normalize();
    }

    /** {@code persistence.type} in lower case: which store provider to use; {@code file} by default. */
    public String type() {
        return persistence.getString("type").trim().toLowerCase(Locale.ROOT);
    }

    /** {@code persistence.enabled}: whether anything is to be persisted; {@code true} by default. */
    public boolean enabled() {
        return persistence.getBoolean("enabled");
    }

    /** The absolute path of the file the settings came from; empty for built-in defaults and for a directory. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /** The resolved {@code persistence} section: defaults, then the file, then environment overrides. */
    public Config persistence() {
        return persistence;
    }

    /**
     * Where plugin jars are looked for: the system property {@value #PLUGINS_PROPERTY}, else the environment
     * variable {@value #PLUGINS_VARIABLE}, else {@code persistence.pluginsDir} (relative to the file's directory);
     * empty when none is set. The directory need not exist.
     */
    public Optional<Path> pluginsDirectory() {
        return Optional.ofNullable(pluginsDirectory);
    }

    /** What a {@link io.contextuate.monitor.spi.StoreProvider} is given to open a store for reading and writing. */
    public StoreContext context(ReadProblemListener problems) {
        return context(problems, AccessMode.READ_WRITE);
    }

    /** What a {@link io.contextuate.monitor.spi.StoreProvider} is given to open a store with this access. */
    public StoreContext context(ReadProblemListener problems, AccessMode access) {
        return new StoreContext(new ConfigStoreSettings(persistence, "in " + description), source, problems, access);
    }

    /** Where the settings came from, for messages: the file's path, or {@code built-in defaults}. */
    public String describeSource() {
        return description;
    }

    /** The source and the settings, every password hidden. */
    @Override
    public String toString() {
        return "MonitorConfig[" + description + ": persistence=" + RedactedSettings.render(persistence) + "]";
    }
}
