package io.contextuate.monitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationErrorsTest {

    @TempDir
    Path dir;

    @Test
    void anUnknownStoreTypeIsAConfigurationErrorNamingTheType() throws Exception {
        Path config = SampleStore.configFor(dir, "no-such-store", dir.resolve("store"));

        CommandResult r = CommandResult.run("--config", config.toString(), "sessions");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no-such-store").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingConfigurationFileIsAConfigurationError() {
        CommandResult r = CommandResult.run("--config", dir.resolve("absent.json").toString(), "stats");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("absent.json");
    }

    @Test
    void aConfigurationThatDoesNotParseIsAConfigurationError() throws Exception {
        Path config = Files.writeString(dir.resolve("broken.json"), "{ \"persistence\": { \"type\": ");

        CommandResult r = CommandResult.run("--config", config.toString(), "recent");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("broken.json");
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        Path config = SampleStore.configFor(dir, "no-such-store", dir.resolve("store"));

        CommandResult r = CommandResult.run("--config", config.toString(), "sessions", "-v");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no-such-store").contains("\tat ");
    }

    @Test
    void aPasswordNeverAppearsWhenTheDatabaseCannotBeReached() throws Exception {
        String password = "pw-that-must-not-leak-7f3a";
        Path config = Files.writeString(dir.resolve("pg.json"), """
                {
                  // a server that is not there: port 1 on the loopback address
                  "persistence": {
                    "type": "postgresql",
                    "database": { "host": "127.0.0.1", "port": 1, "database": "x", "user": "monitor",
                                  "password": "%s", "connectTimeout": "2s",
                                  "pool": { "connectionTimeout": "2s" } }
                  }
                }
                """.formatted(password));

        CommandResult plain = CommandResult.run("--config", config.toString(), "stats");
        CommandResult verbose = CommandResult.run("--config", config.toString(), "doctor", "-vv");

        assertThat(plain.exitCode()).as(plain.toString()).isNotZero();
        assertThat(plain.err()).isNotBlank();
        assertThat(plain.out() + plain.err() + verbose.out() + verbose.err()).doesNotContain(password);
    }
}
