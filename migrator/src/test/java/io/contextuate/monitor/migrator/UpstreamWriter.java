package io.contextuate.monitor.migrator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Node process writing a store as upstream does ({@code upstream-writer.js}: {@code fs.appendFileSync} per event
 * line, {@code fs.writeFileSync} of meta.json in place), and one-off Node calls for single writes.
 */
final class UpstreamWriter {

    private UpstreamWriter() {
    }

    /** Starts the writer: {@code sessions} sessions PREFIX0.., {@code perSession} events each, a pause per round. */
    static Process start(Path base, String prefix, int sessions, int perSession, int pauseMillis, Path log)
            throws IOException {
        Path script = base.resolveSibling("upstream-writer-" + prefix + ".js");
        try (InputStream in = UpstreamWriter.class.getResourceAsStream("/upstream-writer.js")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return new ProcessBuilder("node", script.toString(), base.toString(), prefix, Integer.toString(sessions),
                Integer.toString(perSession), Integer.toString(pauseMillis))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** {@code fs.appendFileSync(file, text)} in a Node process of its own, as upstream appends. */
    static void append(Path file, String text) throws Exception {
        node("require('fs').appendFileSync(process.argv[1], process.argv[2])", file.toString(), text);
    }

    /** {@code fs.writeFileSync(file, text)}: truncate, then write, in place, as upstream rewrites meta.json. */
    static void writeInPlace(Path file, String text) throws Exception {
        node("require('fs').writeFileSync(process.argv[1], process.argv[2])", file.toString(), text);
    }

    private static void node(String script, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("node", "-e", script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("node failed: " + command);
        }
    }

    static void awaitExit(Process p) throws InterruptedException {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the writer did not finish in 120 s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("the writer exited with " + p.exitValue());
        }
    }
}
