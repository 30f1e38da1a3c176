package io.contextuate.monitor.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real second writer that appends exactly as upstream does: a Node.js process calling
 * {@code fs.appendFileSync(file, JSON.stringify(event) + "\n")} once per event (O_APPEND, no lock). Its event ids
 * are {@code <prefix><n>}, with payloads of varying size.
 */
final class UpstreamAppender implements AutoCloseable {

    private static final String SCRIPT = """
            const fs = require('fs');
            const [file, sessionId, prefix, count, pauseMs] = process.argv.slice(1);
            const pause = new Int32Array(new SharedArrayBuffer(4));
            for (let i = 0; i < Number(count); i++) {
              const event = { id: prefix + i, timestamp: 1761000000000 + i, sessionId, machineId: 'node',
                workingDirectory: '/work', eventType: 'tool_result', hookType: 'PostToolUse',
                data: { toolName: 'Bash', toolOutput: 'y'.repeat((i * 7919) % 5000) } };
              fs.appendFileSync(file, JSON.stringify(event) + "\\n");
              if (Number(pauseMs) > 0) Atomics.wait(pause, 0, 0, Number(pauseMs));
            }
            """;

    private final Process process;

    private UpstreamAppender(Process process) {
        this.process = process;
    }

    /** Starts appending {@code count} events, pausing {@code pauseMs} after each (0: full speed). */
    static UpstreamAppender start(Path eventsFile, String sessionId, String prefix, int count, int pauseMs)
            throws IOException {
        return new UpstreamAppender(new ProcessBuilder("node", "-e", SCRIPT, eventsFile.toString(), sessionId,
                prefix, String.valueOf(count), String.valueOf(pauseMs))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process; its exit code. */
    int await() throws InterruptedException {
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the node writer did not finish within 180 s");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
