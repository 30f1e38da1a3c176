package io.contextuate.monitor.api;

import io.contextuate.monitor.spi.ConfigurationException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which configuration file applies, in this order: the explicit file ({@code --config}), the file named by
 * {@value #CONFIG_VARIABLE}, {@code ./contextuate-monitor.json}, {@code ~/.contextuate/monitor/config.json}; none
 * means the built-in defaults. A file named explicitly or by the variable must exist.
 */
final class ConfigSearch {

    static final String CONFIG_VARIABLE = "CONTEXTUATE_MONITOR_CONFIG";
    static final String WORKING_DIRECTORY_FILE = "contextuate-monitor.json";
    static final Path HOME_FILE = Path.of(".contextuate", "monitor", "config.json");

    private ConfigSearch() {
    }

    /** The absolute path of the file that applies, or empty for the built-in defaults. */
    static Optional<Path> find(Path explicitFile, Environment environment) {
        if (explicitFile != null) {
            return Optional.of(existing(environment.cwd().resolve(explicitFile), "the configuration file"));
        }
        Optional<String> named = environment.variable(CONFIG_VARIABLE);
        if (named.isPresent()) {
            return Optional.of(existing(environment.resolve(named.get()),
                    "the configuration file named by " + CONFIG_VARIABLE));
        }
        Path inWorkingDirectory = environment.cwd().resolve(WORKING_DIRECTORY_FILE);
        if (Files.isRegularFile(inWorkingDirectory)) {
            return Optional.of(inWorkingDirectory.toAbsolutePath().normalize());
        }
        Path inHome = environment.home().resolve(HOME_FILE);
        if (Files.isRegularFile(inHome)) {
            return Optional.of(inHome.toAbsolutePath().normalize());
        }
        return Optional.empty();
    }

    private static Path existing(Path file, String what) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new ConfigurationException(what + " " + absolute + " does not exist or is not a file");
        }
        return absolute;
    }
}
