package io.contextuate.monitor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs a program of the packaged distribution as a real process and captures what it printed. */
final class LauncherRun {

    private static final long TIMEOUT_SECONDS = 120;
    private static final String DISTRIBUTION = "contextuate.monitor.distribution";

    private LauncherRun() {
    }

    /** The unpacked distribution that {@code mvn package} made (set by failsafe). */
    static Path home() {
        String home = System.getProperty(DISTRIBUTION);
        if (home == null) {
            throw new IllegalStateException("run through 'mvn verify': the system property "
                    + "contextuate.monitor.distribution names the unpacked distribution");
        }
        return Path.of(home);
    }

    /** Runs the command in {@code workDir} with the given extra environment variables. */
    static CommandResult run(Path workDir, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        return run(workDir, env, command, TIMEOUT_SECONDS);
    }

    /** Runs the command in {@code workDir}, failing when it takes longer than {@code timeoutSeconds}. */
    static CommandResult run(Path workDir, Map<String, String> env, List<String> command, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command))
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().remove("CONTEXTUATE_MONITOR_CONFIG");
            String distribution = System.getProperty(DISTRIBUTION);
            if (distribution != null) {
                // one class data sharing archive for all the launcher's runs, rather than one per test's home
                Path cache = Path.of(distribution).resolveSibling("launcher-cache");
                pb.environment().put("XDG_CACHE_HOME", cache.toString());
            }
            pb.environment().putAll(env);
            Process process = pb.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
            }
            return new CommandResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs {@code bin/contextuate-monitor} with the arguments. */
    static CommandResult launcher(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home().resolve("bin").resolve("contextuate-monitor").toString());
        command.addAll(List.of(args));
        return run(workDir, Map.of(), command);
    }

    /** Copies a folder, attributes kept, leaving out any {@code target} folder at its top (a project's build output). */
    static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
