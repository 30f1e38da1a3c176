package io.contextuate.monitor.api;

import com.typesafe.config.Config;
import io.contextuate.monitor.spi.StoreProvider;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds store provider plugin jars at test time: compiles small providers against the spi into a scratch
 * directory and packs each with its {@code META-INF/services} entry, so that the providers are on no class path the
 * tests run with. Each provider's store only describes itself:
 * {@code "<type> store, baseDir <persistence.file.baseDir>, source <source file>"}.
 */
final class PluginJarBuilder {

    static final String PACKAGE = "test.plugin";

    /**
     * One plugin jar to build: provider class {@code test.plugin.<className>} answering to type and aliases, and
     * saying it was built for {@code contractVersion} (when not {@code null}).
     */
    record Plugin(Path jar, String className, String type, Set<String> aliases, Integer contractVersion) {

        Plugin(Path jar, String className, String type, Set<String> aliases) {
            this(jar, className, type, aliases, null);
        }
    }

    private PluginJarBuilder() {
    }

    /** Builds the jars (one compiler run for all of them), using {@code workDir} for sources and classes. */
    static void build(Path workDir, Plugin... plugins) {
        try {
            Path build = Files.createTempDirectory(workDir, "plugin-build");
            Path classes = Files.createDirectories(build.resolve("classes"));
            List<String> sources = new ArrayList<>();
            for (Plugin plugin : plugins) {
                Path source = build.resolve(plugin.className() + ".java");
                Files.writeString(source, sourceOf(plugin));
                sources.add(source.toString());
            }
            compile(sources, classes);
            for (Plugin plugin : plugins) {
                writeJar(plugin, classes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar whose services entry names a class it does not hold: a plugin that cannot load. */
    static Path brokenJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + StoreProvider.class.getName()));
            out.write((PACKAGE + ".Missing\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static String sourceOf(Plugin plugin) {
        return """
                package %s;

                import io.contextuate.monitor.spi.MonitorStore;
                import io.contextuate.monitor.spi.StoreContext;
                import io.contextuate.monitor.spi.StoreProvider;
                import java.lang.reflect.Proxy;
                import java.util.Set;

                public final class %s implements StoreProvider {
                    public String type() { return "%s"; }
                    public Set<String> aliases() { return Set.of(%s); }
                    public String description() { return "a test plugin"; }
                    %s
                    public MonitorStore open(StoreContext context) {
                        String description = type() + " store, baseDir "
                                + context.settings().string("file.baseDir").orElse(null) + ", source " + context.source();
                        return (MonitorStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[] {MonitorStore.class}, (proxy, method, args) -> {
                                    if (method.getName().equals("describe")) {
                                        return description;
                                    }
                                    if (method.getName().equals("close")) {
                                        return null;
                                    }
                                    throw new UnsupportedOperationException(method.getName());
                                });
                    }
                }
                """.formatted(PACKAGE, plugin.className(), plugin.type(),
                plugin.aliases().stream().map(alias -> "\"" + alias + "\"").collect(Collectors.joining(", ")),
                "public int contractVersion() { return " + (plugin.contractVersion() == null ? "CONTRACT_VERSION"
                        : plugin.contractVersion()) + "; }");
    }

    private static void compile(List<String> sources, Path classes) {
        // java.util.spi.ToolProvider (java.base) rather than javax.tools, which the api module does not read
        ToolProvider javac = ToolProvider.findFirst("javac")
                .orElseThrow(() -> new IllegalStateException("the tests need a JDK with javac"));
        String classPath = Stream.of(StoreProvider.class, Config.class)
                .map(PluginJarBuilder::locationOf).map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none",
                "-classpath", classPath, "-d", classes.toString()));
        arguments.addAll(sources);
        StringWriter errors = new StringWriter();
        PrintWriter errorWriter = new PrintWriter(errors);
        if (javac.run(errorWriter, errorWriter, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("the test plugins do not compile: " + errors);
        }
    }

    private static void writeJar(Plugin plugin, Path classes) throws IOException {
        Path packageDir = classes.resolve(PACKAGE.replace('.', '/'));
        Files.createDirectories(plugin.jar().getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plugin.jar()));
             Stream<Path> files = Files.list(packageDir)) {
            for (Path file : files.filter(file -> isClassOf(file, plugin.className())).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + StoreProvider.class.getName()));
            out.write((PACKAGE + "." + plugin.className() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private static boolean isClassOf(Path file, String className) {
        String name = file.getFileName().toString();
        return name.equals(className + ".class") || name.startsWith(className + "$");
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
