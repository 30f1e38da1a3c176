package io.contextuate.monitor.file;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Runs a main class of the tests in a second JVM as the user {@code nobody} (with {@code setpriv}; the tests run as
 * root, which file permissions do not stop), so that permission bits really deny access. The class path's jars are
 * copied where {@code nobody} can read them.
 */
final class UnprivilegedJvm {

    private UnprivilegedJvm() {
    }

    /** Runs {@code mainClass} with {@code args} as {@code nobody}; its standard output (and error), once it ended. */
    static String run(Path workDir, Class<?> mainClass, String... args) throws IOException, InterruptedException {
        Path lib = Files.createDirectories(workDir.resolve("lib"));
        readableByAll(workDir);
        readableByAll(lib);
        List<String> classPath = new ArrayList<>();
        int n = 0;
        for (Path entry : classPathEntries()) {
            if (Files.isDirectory(entry)) {
                classPath.add(entry.toString());
            } else if (Files.isRegularFile(entry)) {
                Path copy = lib.resolve((n++) + "-" + entry.getFileName());
                Files.copy(entry, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                classPath.add(copy.toString());
            }
        }
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup",
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classPath), mainClass.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the JVM run as nobody did not finish; output:\n" + output);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the JVM run as nobody exited " + p.exitValue() + ":\n" + output);
        }
        return output;
    }

    /** The class path, with a manifest-only jar (as surefire may use) resolved to what its manifest names. */
    private static List<Path> classPathEntries() throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(e);
            entries.add(path);
            if (e.endsWith(".jar") && Files.isRegularFile(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    Manifest m = jar.getManifest();
                    String more = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                    if (more != null && !more.isBlank()) {
                        for (String url : more.trim().split("\\s+")) {
                            entries.add(Path.of(url.startsWith("file:") ? URI.create(url)
                                    : path.getParent().resolve(url).toUri()));
                        }
                    }
                }
            }
        }
        return entries;
    }

    private static void readableByAll(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
