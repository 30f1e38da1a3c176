package io.contextuate.monitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.conformance.Damage;
import io.contextuate.monitor.conformance.UpstreamDamage;
import io.contextuate.monitor.spi.json.MonitorJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

class MigrateCommandTest {

    @TempDir
    Path tmp;

    @Test
    void migratingFromADirectoryToAConfigFilePrintsASummaryWritesItAsJsonAndVerifies() throws IOException {
        SampleStore source = SampleStore.write(tmp.resolve("src"));
        Path targetConfig = SampleStore.configFor(tmp, "file", tmp.resolve("target-store"));
        Path summaryFile = tmp.resolve("out").resolve("summary.json");

        CommandResult r = CommandResult.run("migrate", "--from", source.baseDir().toString(),
                "--to", targetConfig.toString(), "--rejects", tmp.resolve("rejects").toString(),
                "--summary", summaryFile.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("events:", "verify: equal", "Done.");
        JsonNode summary = MonitorJson.parse(Files.readAllBytes(summaryFile));
        long events = source.dataset().distinctEvents().size();
        assertThat(summary.path("events").path("written").asLong()).isEqualTo(events);
        assertThat(summary.path("verification").path("equal").asBoolean()).isTrue();
        assertThat(summary.path("exitCode").asInt()).isZero();
        try (MonitorStore target = MonitorPersistence.open(MonitorConfig.forStore(targetConfig))) {
            assertThat(target.stats().events()).isEqualTo(events);
        }
    }

    @Test
    void aSecondRunFindsEverythingAlreadyPresent() throws IOException {
        SampleStore source = SampleStore.write(tmp.resolve("src"));
        String[] args = {"migrate", "--from", source.baseDir().toString(), "--to", tmp.resolve("dst").toString(),
            "--rejects", tmp.resolve("rejects").toString(), "--summary", tmp.resolve("s.json").toString()};
        assertThat(CommandResult.run(args).exitCode()).isZero();

        CommandResult again = CommandResult.run(args);

        assertThat(again.exitCode()).as(again.toString()).isZero();
        JsonNode summary = MonitorJson.parse(Files.readAllBytes(tmp.resolve("s.json")));
        assertThat(summary.path("events").path("written").asLong()).isZero();
        assertThat(summary.path("events").path("alreadyPresent").asLong())
                .isEqualTo(source.dataset().distinctEvents().size());
    }

    @Test
    void damagedInputEndsWithExitCodeThreeAndTheRejectsOnStandardError() throws IOException {
        SampleStore source = SampleStore.write(tmp.resolve("src"));
        UpstreamDamage.write(source.baseDir(), 3, EnumSet.of(Damage.MALFORMED_LINE_IN_MIDDLE, Damage.CUT_META));

        CommandResult r = CommandResult.run("migrate", "--from", source.baseDir().toString(),
                "--to", tmp.resolve("dst").toString(), "--rejects", tmp.resolve("rejects").toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("rejected: unreadable", "events.jsonl:", "meta.json");
        assertThat(r.out()).contains("2 rejected record(s) kept in " + tmp.resolve("rejects"));
    }

    @Test
    void aDryRunWritesNothing() throws IOException {
        SampleStore source = SampleStore.write(tmp.resolve("src"));

        CommandResult r = CommandResult.run("migrate", "--dry-run", "--from", source.baseDir().toString(),
                "--to", tmp.resolve("dst").toString(), "--rejects", tmp.resolve("rejects").toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Dry run");
        assertThat(tmp.resolve("dst")).doesNotExist();
    }

    @Test
    void usageErrorsEndWithExitCodeTwo() {
        assertThat(CommandResult.run("migrate", "--to", tmp.toString()).exitCode()).isEqualTo(2);
        CommandResult missing = CommandResult.run("migrate", "--from", tmp.resolve("nowhere").toString(),
                "--to", tmp.resolve("dst").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist");
        assertThat(CommandResult.run("migrate", "--from", tmp.toString(), "--to", tmp.resolve("d").toString(),
                "--batch-size", "0").exitCode()).isEqualTo(2);
    }
}
