package io.contextuate.monitor.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password written inside {@code database.url} (query parameter, user-info, Connector/J's host forms) appears in
 * nothing any command prints or writes (every command that takes a store): standard output, standard error (logs
 * at DEBUG included, stack traces included), the summary file, the rejects, checkpoint, export and sync state
 * folders; also when the database is missing or the server
 * unreachable, whose errors echo connection details.
 */
class SecretsInUrlTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "POSTGRESQL|jdbc:postgresql://127.0.0.1:PORT/DB?user=USER&password=SECRET&ApplicationName=cm",
        "MARIADB|jdbc:mysql://USER:SECRET@127.0.0.1:PORT/DB",
        "MARIADB|jdbc:mysql://(host=127.0.0.1,port=PORT,user=USER,password=SECRET)/DB?useSSL=false",
    })
    void aPasswordInTheUrlIsPrintedAndWrittenNowhere(DatabaseWithOwner.Kind kind, String urlTemplate) throws Exception {
        String secret = "Pw" + Long.toHexString(System.nanoTime()) + "x";
        SampleStore source = SampleStore.write(dir.resolve("source"));
        try (DatabaseWithOwner db = DatabaseWithOwner.create(kind, secret)) {
            Path good = config("good", kind, url(urlTemplate, kind.port, db.name, db.user, secret));
            Path missing = config("missing", kind, url(urlTemplate, kind.port, db.name + "_absent", db.user, secret));
            Path unreachable = config("unreachable", kind, url(urlTemplate, 1, db.name, db.user, secret));
            Path written = dir.resolve("written");
            List<CommandResult> runs = new ArrayList<>();

            runs.add(CliProcess.run(dir, "-vv", "--config", good.toString(), "schema", "apply"));
            runs.add(CliProcess.run(dir, "-vv", "--config", good.toString(), "doctor"));
            runs.add(CliProcess.run(dir, "-vv", "migrate", "--from", source.baseDir().toString(), "--to",
                    good.toString(), "--summary", written.resolve("summary.json").toString(),
                    "--rejects", written.resolve("rejects").toString(),
                    "--checkpoint", written.resolve("checkpoint.jsonl").toString()));
            runs.add(CliProcess.run(dir, "--config", good.toString(), "stats"));
            // every other command that takes a store, on the good configuration
            runs.add(CliProcess.run(dir, "-vv", "--config", good.toString(), "schema", "status"));
            runs.add(CliProcess.run(dir, "-v", "--config", good.toString(), "sessions", "--json"));
            runs.add(CliProcess.run(dir, "-v", "--config", good.toString(), "recent", "--limit", "5"));
            runs.add(CliProcess.run(dir, "-v", "--config", good.toString(), "prune", "--older-than", "36500d",
                    "--dry-run"));
            runs.add(CliProcess.run(dir, "-vv", "verify", "--from", source.baseDir().toString(), "--to",
                    good.toString()));
            runs.add(CliProcess.run(dir, "-v", "--config", good.toString(), "export", "--dir",
                    written.resolve("export").toString()));
            runs.add(CliProcess.run(dir, "-vv", "sync", "--from", source.baseDir().toString(), "--to",
                    good.toString(), "--state", written.resolve("sync-state").toString()));
            runs.add(CliProcess.run(dir, "sync", "status", "--state", written.resolve("sync-state").toString(),
                    "--json"));
            for (Path bad : List.of(missing, unreachable)) {
                runs.add(CliProcess.run(dir, "-vv", "--config", bad.toString(), "schema", "status"));
                runs.add(CliProcess.run(dir, "-vv", "--config", bad.toString(), "sessions"));
                runs.add(CliProcess.run(dir, "-vv", "--config", bad.toString(), "doctor"));
                runs.add(CliProcess.run(dir, "-vv", "migrate", "--retry-budget", "0s", "--from",
                        source.baseDir().toString(), "--to", bad.toString(), "--summary",
                        written.resolve("bad-summary.json").toString()));
            }

            assertThat(runs.get(0).exitCode()).as(runs.get(0).toString()).isZero();
            assertThat(runs.get(2).exitCode()).as(runs.get(2).toString()).isZero();
            assertThat(runs.get(3).out()).as("the store was usable").contains("sessions");
            for (CommandResult r : runs.subList(4, 12)) {
                assertThat(r.exitCode()).as(r.toString()).isZero();
            }
            assertThat(runs.get(12).exitCode()).as("a missing database fails").isNotZero();
            for (CommandResult r : runs) {
                assertThat(r.out() + r.err()).as(r.toString()).doesNotContain(secret);
            }
            assertThat(Files.exists(written.resolve("summary.json"))).isTrue();
            for (Path f : filesUnder(written, dir.resolve(".contextuate"))) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(secret);
            }
        }
    }

    private static String url(String template, int port, String db, String user, String secret) {
        return template.replace("PORT", String.valueOf(port)).replace("DB", db).replace("USER", user)
                .replace("SECRET", secret);
    }

    private Path config(String name, DatabaseWithOwner.Kind kind, String url) throws IOException {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, """
                {
                  "persistence": {
                    "type": "%s",
                    "database": { "url": "%s", "connectTimeout": "2s", "pool": { "connectionTimeout": "2s" } }
                  }
                }
                """.formatted(kind.type, url));
        return file;
    }

    private static List<Path> filesUnder(Path... roots) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            if (Files.exists(root)) {
                try (Stream<Path> s = Files.walk(root)) {
                    s.filter(Files::isRegularFile).forEach(out::add);
                }
            }
        }
        return out;
    }
}
