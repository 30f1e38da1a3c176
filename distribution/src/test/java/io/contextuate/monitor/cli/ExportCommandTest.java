package io.contextuate.monitor.cli;

import io.contextuate.monitor.conformance.Damage;
import io.contextuate.monitor.conformance.DamagedStore;
import io.contextuate.monitor.conformance.UpstreamDamage;
import io.contextuate.monitor.conformance.UpstreamSession;
import io.contextuate.monitor.conformance.UpstreamStoreWriter;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ExportCommandTest {

    @TempDir
    Path dir;

    @Test
    void exportOfAnUpstreamWrittenStoreIsJsonEqualRecordByRecord() throws Exception {
        SampleStore store = SampleStore.write(dir);
        Path out = dir.resolve("export");

        CommandResult r = CommandResult.run("--config", store.configFile().toString(), "export", "--dir", out.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(StoreComparison.differences(store.dataset(), out)).isEmpty();
        assertThat(r.out()).contains(store.dataset().sessionRecords().size() + " sessions")
                .contains(store.dataset().distinctEvents().size() + " events");
        assertThat(r.err()).as("quiet when not on a terminal").doesNotContain("exporting");
    }

    @Test
    void aSessionWithoutARecordGetsARebuiltOneOnlyWhenAsked() throws Exception {
        Path source = dir.resolve("source");
        copyTree(Path.of("..", "examples", "sample-store"), source);
        Path orphan;
        try (Stream<Path> sessions = Files.list(source.resolve("sessions"))) {
            orphan = sessions.filter(s -> Files.exists(s.resolve("events.jsonl"))).sorted().findFirst().orElseThrow();
        }
        Files.delete(orphan.resolve("meta.json"));
        Path config = SampleStore.configFor(dir, "file", source);
        String id = orphan.getFileName().toString();

        CommandResult layout = CommandResult.run("--config", config.toString(), "export", "--dir",
                dir.resolve("layout").toString());
        CommandResult rebuilt = CommandResult.run("--config", config.toString(), "export", "--dir",
                dir.resolve("rebuilt").toString(), "--rebuild-records");

        assertThat(layout.exitCode()).as(layout.toString()).isZero();
        assertThat(dir.resolve("layout/sessions").resolve(id).resolve("events.jsonl")).isRegularFile();
        assertThat(dir.resolve("layout/sessions").resolve(id).resolve("meta.json")).doesNotExist();
        assertThat(rebuilt.exitCode()).as(rebuilt.toString()).isZero();
        assertThat(MonitorJson.parse(Files.readAllBytes(dir.resolve("rebuilt/sessions").resolve(id)
                .resolve("meta.json"))).get("sessionId").textValue()).isEqualTo(id);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    @Test
    void aNonEmptyDirectoryIsRefusedWithoutForce() throws Exception {
        SampleStore store = SampleStore.write(dir);
        Path out = Files.createDirectories(dir.resolve("export"));
        Files.writeString(out.resolve("something"), "x");

        CommandResult refused = CommandResult.run("--config", store.configFile().toString(),
                "export", "--dir", out.toString());
        CommandResult forced = CommandResult.run("--config", store.configFile().toString(),
                "export", "--dir", out.toString(), "--force");

        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("not empty").contains("--force");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(StoreComparison.differences(store.dataset(), out)).isEmpty();
    }

    @Test
    void unreadableRecordsEndWithExitCodeThreeAndTheRestIsExported() throws Exception {
        Path source = dir.resolve("damaged");
        DamagedStore damaged = UpstreamDamage.write(source, 7, EnumSet.allOf(Damage.class));
        Path config = SampleStore.configFor(dir, "file", source);
        Path out = dir.resolve("export");

        CommandResult r = CommandResult.run("--config", config.toString(), "export", "--dir", out.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.err().lines().filter(l -> l.startsWith("unreadable: ") || l.startsWith("note: ")).count())
                .isEqualTo(damaged.expectedProblems().size());
        damaged.expectedProblems().forEach(p -> assertThat(r.err()).contains(p.file().toString()));
        UpstreamStoreWriter layout = new UpstreamStoreWriter(out);
        for (UpstreamSession s : damaged.sessionsToArrive()) {
            assertThat(CanonicalJson.equal(MonitorJson.parse(Files.readAllBytes(layout.metaFile(s.sessionId()))),
                    s.json())).as("session %s arrives", s.sessionId()).isTrue();
        }
    }

    @Test
    void whatTheSourceCannotReadIsKeptByteForByteInTheRejectsFolder() throws Exception {
        Path source = dir.resolve("damaged");
        DamagedStore damaged = UpstreamDamage.write(source, 8, EnumSet.of(Damage.MALFORMED_LINE_IN_MIDDLE));
        Path config = SampleStore.configFor(dir, "file", source);
        Path rejects = dir.resolve("rejects");

        CommandResult r = CommandResult.run("--config", config.toString(), "export", "--dir",
                dir.resolve("export").toString(), "--rejects", rejects.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.out()).contains(rejects.toString());
        Set<String> kept;
        try (Stream<Path> files = Files.list(rejects)) {
            kept = files.filter(f -> f.toString().endsWith(".bin")).map(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).collect(Collectors.toSet());
        }
        assertThat(damaged.expectedProblems()).isNotEmpty();
        for (var p : damaged.expectedProblems()) {
            String line = Files.readAllLines(p.file(), StandardCharsets.UTF_8).get((int) p.line() - 1);
            assertThat(kept).as("the bytes of %s:%d", p.file(), p.line()).contains(line);
            assertThat(r.err()).contains(p.file().toString());
        }
    }

    @Test
    void exportingAFileStoreIntoItsOwnDirectoryIsRefusedEvenWithForce() throws Exception {
        SampleStore store = SampleStore.write(dir);
        Map<Path, Long> before = sizes(store.baseDir());

        CommandResult r = CommandResult.run("--config", store.configFile().toString(),
                "export", "--dir", store.baseDir().toString(), "--force");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("store itself");
        assertThat(sizes(store.baseDir())).isEqualTo(before);
    }

    private static Map<Path, Long> sizes(Path base) throws IOException {
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(Files::isRegularFile)
                    .collect(Collectors.toMap(p -> p, p -> p.toFile().length()));
        }
    }

    @Test
    void theDirectoryOptionIsRequired() throws Exception {
        SampleStore store = SampleStore.write(dir);

        CommandResult r = CommandResult.run("--config", store.configFile().toString(), "export");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--dir");
    }
}
