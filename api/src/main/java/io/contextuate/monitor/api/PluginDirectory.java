package io.contextuate.monitor.api;

import io.contextuate.monitor.spi.StoreProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A directory of plugins: each {@code *.jar} in it is one plugin, and each subdirectory is one plugin made of the
 * jars in it (a provider with its dependencies). Every plugin gets its own class loader, whose parent is the api's,
 * so plugins share the spi classes and nothing else. A plugin that cannot be loaded, or that is refused, is
 * reported and skipped, and its class loader closed; the loaders of the providers found stay open for as long as
 * their classes are used.
 */
final class PluginDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(PluginDirectory.class);

    private final Path directory;

    PluginDirectory(Path directory) {
        this.directory = directory;
    }

    /** Where it is looked for, and whether it exists, for messages. */
    String describe() {
        return "the plugins directory " + directory + (Files.isDirectory(directory) ? "" : " (which does not exist)");
    }

    /**
     * The providers of every plugin, in the order of the plugins' names; none when the directory is missing. Why a
     * provider was refused is added to {@code refused}.
     */
    List<DiscoveredProvider> load(ClassLoader parent, List<String> refused) {
        List<DiscoveredProvider> found = new ArrayList<>();
        for (Path plugin : plugins()) {
            found.addAll(loadPlugin(plugin, parent, refused));
        }
        return found;
    }

    private List<Path> plugins() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(entry -> isJar(entry) || Files.isDirectory(entry)).sorted().toList();
        } catch (IOException e) {
            LOG.warn("cannot list the plugins directory {}: {}", directory, e.toString());
            return List.of();
        }
    }

    private static List<DiscoveredProvider> loadPlugin(Path plugin, ClassLoader parent, List<String> refused) {
        URLClassLoader loader = null;
        try {
            URL[] jars = jarsOf(plugin);
            if (jars.length == 0) {
                return List.of();
            }
            loader = new URLClassLoader("plugin " + plugin.getFileName(), jars, parent);
            URLClassLoader own = loader;
            List<DiscoveredProvider> found = ServiceDiscovery.load(ServiceLoader.load(StoreProvider.class, loader),
                    type -> type.getClassLoader() == own, PluginDirectory::jarOf, plugin.toString(), refused);
            if (found.isEmpty()) {
                close(loader);
            }
            // otherwise never closed: the providers' classes are used for as long as the process runs
            return found;
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipping the plugin {}, which cannot be loaded: {}", plugin, e.toString());
            if (loader != null) {
                close(loader);
            }
            return List.of();
        }
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.debug("closing the class loader {} failed: {}", loader.getName(), e.toString());
        }
    }

    private static URL[] jarsOf(Path plugin) throws IOException {
        List<Path> jars;
        if (Files.isDirectory(plugin)) {
            try (Stream<Path> entries = Files.list(plugin)) {
                jars = entries.filter(PluginDirectory::isJar).sorted().toList();
            }
        } else {
            jars = List.of(plugin);
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            checkReadable(jar);
            urls.add(jar.toAbsolutePath().toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    /** A class loader silently ignores a jar it cannot open; say so instead. */
    private static void checkReadable(Path jar) throws IOException {
        try (JarFile ignored = new JarFile(jar.toFile())) {
            // opening is the check
        } catch (IOException e) {
            throw new IOException(jar + " is not a readable jar (" + e.getMessage() + ")", e);
        }
    }

    private static String jarOf(Class<?> type) {
        return ServiceDiscovery.location(type).map(Path::toString).orElse("plugin " + type.getName());
    }

    private static boolean isJar(Path entry) {
        return Files.isRegularFile(entry) && entry.getFileName().toString().endsWith(".jar");
    }
}
