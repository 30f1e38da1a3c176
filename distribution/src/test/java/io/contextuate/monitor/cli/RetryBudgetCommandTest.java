package io.contextuate.monitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrate --retry-budget} against a port nothing listens on: one WARN line says what is waited for and for
 * how long at most, no stack trace at the default level, and the run gives up with exit 1 and a message naming the
 * budget.
 */
class RetryBudgetCommandTest {

    @TempDir
    Path dir;

    @Test
    void waitingForAnUnreachableTargetIsOneWarnLineAndEndsWithinTheBudget() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("pg.json"), """
                { "persistence": { "type": "postgresql", "database": { "host": "127.0.0.1", "port": %d,
                  "user": "postgres", "connectTimeout": "1s", "pool": { "connectionTimeout": "1s" } } } }
                """.formatted(port));
        Path source = SampleStore.write(dir.resolve("sample")).baseDir();

        CommandResult r = CliProcess.run(dir, List.of(), "migrate", "--retry-budget", "5s", "--from",
                source.toString(), "--to", config.toString(), "--rejects", dir.resolve("rejects").toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        List<String> waits = r.err().lines().filter(l -> l.contains("WARN")).toList();
        assertThat(waits).as(r.err()).hasSize(1);
        assertThat(waits.get(0)).contains("Cannot reach").contains("for up to 5.0 s");
        assertThat(r.err()).doesNotContain("\tat ").contains("retry budget is 5.0 s");
    }
}
