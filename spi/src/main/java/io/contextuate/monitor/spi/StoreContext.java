package io.contextuate.monitor.spi;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link StoreProvider} is given to open a store.
 *
 * @param settings the {@code persistence} section of the configuration, with overrides and defaults applied
 *                 (for example {@code persistence.database.host} is {@code database.host} here)
 * @param source   the configuration file it came from, or {@code null} for built-in defaults; for messages and
 *                 for resolving relative paths
 * @param problems where the store reports what it could not read
 * @param access   whether the store will be written to; a {@link AccessMode#READ_ONLY} store writes nothing
 *                 where its data lives
 */
public record StoreContext(StoreSettings settings, Path source, ReadProblemListener problems, AccessMode access) {

    public StoreContext {
        Objects.requireNonNull(settings, "settings");
        problems = problems == null ? ReadProblemListener.NONE : problems;
        access = access == null ? AccessMode.READ_WRITE : access;
    }

    /** A context for a store that will be read and written. */
    public StoreContext(StoreSettings settings, Path source, ReadProblemListener problems) {
        this(settings, source, problems, AccessMode.READ_WRITE);
    }

    /** Whether the opener will only read. */
    public boolean readOnly() {
        return access == AccessMode.READ_ONLY;
    }

    /** The configuration file, if the settings came from one. */
    public Optional<Path> sourceFile() {
        return Optional.ofNullable(source);
    }

    /** "in FILE" or "in the built-in defaults", for error messages. */
    public String origin() {
        return source == null ? "in the built-in defaults" : "in " + source;
    }
}
