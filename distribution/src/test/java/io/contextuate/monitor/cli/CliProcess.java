package io.contextuate.monitor.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code contextuate-monitor} in a JVM of its own on the test class path, so that its logs (slf4j-simple on
 * standard error) are captured with what it prints, and JVM options (a small heap) apply to it alone.
 */
final class CliProcess {

    private CliProcess() {
    }

    /** Runs the command line in {@code workDir} with {@code HOME} there too, and the given JVM options. */
    static CommandResult run(Path workDir, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ContextuateMonitor.class.getName());
        command.addAll(List.of(args));
        return LauncherRun.run(workDir, Map.of("HOME", workDir.toString()), command);
    }

    static CommandResult run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, List.of(), args);
    }
}
