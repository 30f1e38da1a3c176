package io.contextuate.monitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's exit code table holds for every command alike: a wrong password and a missing database are configuration
 * errors (2), an unreachable server a failure (1); a refused setting names its key; an empty or broken file is a
 * configuration error naming the file; a disabled persistence and an unusable home directory are said as such.
 */
class ExitCodesTest {

    @TempDir
    Path dir;

    private Path config(String name, String database) throws IOException {
        return Files.writeString(dir.resolve(name + ".json"), """
                {
                  "persistence": {
                    "type": "TYPE",
                    "database": { DATABASE, "connectTimeout": "2s", "pool": { "connectionTimeout": "2s" } }
                  }
                }
                """.replace("DATABASE", database).replace("TYPE", name.startsWith("my") ? "mysql" : "postgresql"));
    }

    /** Every command that opens the store, each with the same expected exit code and message. */
    private void everyCommand(Path config, int exit, String message) throws IOException {
        Path source = SampleStore.write(dir.resolve("source-" + config.getFileName())).baseDir();
        List<List<String>> commands = List.of(
                List.of("--config", config.toString(), "sessions"),
                List.of("--config", config.toString(), "stats"),
                List.of("--config", config.toString(), "schema", "status"),
                List.of("--config", config.toString(), "schema", "apply"),
                List.of("--config", config.toString(), "doctor"),
                List.of("migrate", "--retry-budget", "0s", "--from", source.toString(), "--to", config.toString()));
        for (List<String> args : commands) {
            CommandResult r = CommandResult.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(args + "\n" + r).isEqualTo(exit);
            assertThat(r.out() + r.err()).as(args + "\n" + r).contains(message);
        }
    }

    @Test
    void aWrongPasswordIsAConfigurationErrorInEveryCommand() throws IOException {
        everyCommand(config("my-wrong-password", """
                "host": "127.0.0.1", "port": 3306, "user": "root", "password": "not-roots-password\""""),
                ExitCode.USAGE, "refused the login");
    }

    @Test
    void aMissingDatabaseIsAConfigurationErrorInEveryCommand() throws IOException {
        everyCommand(config("pg-missing-database", """
                "host": "127.0.0.1", "port": 5432, "user": "postgres", "database": "cm_no_such_database_here\""""),
                ExitCode.USAGE, "has no such database");
    }

    @Test
    void anUnreachableServerIsAFailureInEveryCommand() throws IOException {
        everyCommand(config("pg-unreachable", """
                "host": "127.0.0.1", "port": 1, "user": "postgres\""""), ExitCode.FAILED, "Cannot reach");
    }

    @Test
    void aDriverSettingItRefusesIsNamedAndNotBlamedOnTheNetwork() throws IOException {
        Path config = config("pg-bogus-sslmode", """
                "host": "127.0.0.1", "port": 5432, "user": "postgres", "properties": { "sslmode": "bogus" }""");
        for (String command : List.of("sessions", "doctor")) {
            CommandResult r = CommandResult.run("--config", config.toString(), command);

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.out() + r.err()).as(r.toString()).contains("properties.sslmode")
                    .doesNotContain("Check that the server is running");
        }
    }

    @Test
    void aPoolSettingItRefusesIsReportedWithItsKey() throws IOException {
        Path config = Files.writeString(dir.resolve("pool.json"), """
                { "persistence": { "type": "postgresql", "database": { "host": "127.0.0.1", "user": "postgres",
                  "pool": { "maximumPoolSize": -5 } } } }
                """);

        CommandResult r = CommandResult.run("--config", config.toString(), "sessions");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("persistence.database.pool.maximumPoolSize").contains("-5");
    }

    @Test
    void anEmptyConfigurationFileIsAConfigurationErrorAndNothingIsWritten() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.json"));
        Path source = SampleStore.write(dir.resolve("source")).baseDir();

        CommandResult sessions = CommandResult.run("--config", empty.toString(), "sessions");
        CommandResult migrate = CommandResult.run("migrate", "--from", source.toString(), "--to", empty.toString(),
                "--rejects", dir.resolve("rejects").toString());

        for (CommandResult r : List.of(sessions, migrate)) {
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(r.toString()).contains(empty.toString()).contains("empty");
        }
        assertThat(dir.resolve("rejects")).doesNotExist();
    }

    @Test
    void malformedJsonIsReportedWithTheFileTheLineAndWhatJsonExpected() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), """
                {
                  "persistence": {
                    "type": "file"
                
                """);

        CommandResult r = CommandResult.run("--config", broken.toString(), "sessions");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains(broken.toString()).contains("line ").contains("not valid JSON")
                .doesNotContain("parentheses");
    }

    @Test
    void disabledPersistenceIsHonouredBySchemaStatus() throws IOException {
        Path config = Files.writeString(dir.resolve("disabled.json"), """
                { "persistence": { "enabled": false, "type": "postgresql", "database": { "port": 1 } } }
                """);

        CommandResult r = CommandResult.run("--config", config.toString(), "schema", "status");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("disabled");
    }

    @Test
    void anUnusableHomeDirectoryIsSaidAsSuch() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
        Path home = notADirectory.resolve("home");

        CommandResult r = CliProcess.run(dir, List.of("-Duser.home=" + home), "sessions");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("the home directory " + home).contains("--config");
    }
}
