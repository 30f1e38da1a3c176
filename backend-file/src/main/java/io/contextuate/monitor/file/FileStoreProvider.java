package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreProvider;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code file} store type: upstream's file layout under {@code persistence.file.baseDir}
 * (default {@code ~/.contextuate/monitor}). A leading {@code ~} is the user's home; a relative path is taken from
 * the directory of the configuration file, or from the working directory for built-in defaults.
 */
public final class FileStoreProvider implements StoreProvider {

    /** The configuration key, inside the {@code persistence} section, of the base directory. */
    public static final String BASE_DIR_KEY = "file.baseDir";

    /** The base directory when none is configured. */
    public static final String DEFAULT_BASE_DIR = "~/.contextuate/monitor";

    @Override
    public int contractVersion() {
        return CONTRACT_VERSION;
    }

    @Override
    public String type() {
        return "file";
    }

    @Override
    public String description() {
        return "Upstream-compatible files (sessions/<id>/meta.json, events.jsonl) under persistence.file.baseDir "
                + "(default " + DEFAULT_BASE_DIR + "); no server needed";
    }

    @Override
    public MonitorStore open(StoreContext context) {
        Path baseDir = baseDir(context);
        if (Files.exists(baseDir) && !Files.isDirectory(baseDir)) {
            throw new ConfigurationException("persistence." + BASE_DIR_KEY + " " + context.origin() + " is "
                    + baseDir + ", which is a file, not a directory; point it at a directory");
        }
        return FileStore.open(baseDir, context.problems(), context.access());
    }

    /** The base directory the context configures, absolute. */
    static Path baseDir(StoreContext context) {
        String configured = context.settings().string(BASE_DIR_KEY).orElse(DEFAULT_BASE_DIR);
        if (configured.isBlank()) {
            throw new ConfigurationException("persistence." + BASE_DIR_KEY + " " + context.origin()
                    + " is empty; set it to a directory or remove it for " + DEFAULT_BASE_DIR);
        }
        try {
            Path path = Path.of(expandHome(configured));
            if (!path.isAbsolute()) {
                Path relativeTo = context.sourceFile()
                        .map(f -> f.toAbsolutePath().getParent())
                        .orElse(Path.of("").toAbsolutePath());
                path = relativeTo.resolve(path);
            }
            return path.normalize();
        } catch (InvalidPathException e) {
            throw new ConfigurationException("persistence." + BASE_DIR_KEY + " " + context.origin() + " is not a "
                    + "valid path: " + e.getMessage(), e);
        }
    }

    private static String expandHome(String path) {
        if (path.equals("~")) {
            return System.getProperty("user.home");
        }
        if (path.startsWith("~/") || path.startsWith("~\\")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }
}
