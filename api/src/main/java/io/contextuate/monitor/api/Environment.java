package io.contextuate.monitor.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What configuration loading reads from the process: environment variables, the home directory and the working
 * directory. A value, so tests can supply their own.
 */
record Environment(Map<String, String> variables, Path home, Path cwd) {

    Environment {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        home = home.toAbsolutePath().normalize();
        cwd = cwd.toAbsolutePath().normalize();
    }

    /** The real process environment. */
    static Environment system() {
        return new Environment(System.getenv(), Path.of(System.getProperty("user.home")),
                Path.of("").toAbsolutePath());
    }

    /** No variables, the real home and working directory. */
    static Environment withoutVariables() {
        Environment system = system();
        return new Environment(Map.of(), system.home(), system.cwd());
    }

    /** The variable's value, if set and not blank. */
    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isBlank());
    }

    /** A path as a user wrote it, relative paths taken against the working directory. */
    Path resolve(String path) {
        return cwd.resolve(path).toAbsolutePath().normalize();
    }
}
