package io.contextuate.monitor.cli;

import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.conformance.UpstreamDataOptions;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyCommandTest {

    @TempDir
    Path tmp;

    @Test
    void verifyExitsZeroOnEqualStoresAndOneNamingWhatDiffers() throws IOException {
        SampleStore source = SampleStore.write(tmp.resolve("src"));
        Path target = tmp.resolve("dst");
        assertThat(CommandResult.run("migrate", "--no-verify", "--from", source.baseDir().toString(),
                "--to", target.toString(), "--rejects", tmp.resolve("rejects").toString()).exitCode()).isZero();

        CommandResult equal = CommandResult.run("verify", "--from", source.baseDir().toString(),
                "--to", target.toString());

        assertThat(equal.exitCode()).as(equal.toString()).isZero();
        assertThat(equal.out()).startsWith("verify: equal");

        SessionMeta changed = source.dataset().sessionMetas().get(0);
        try (MonitorStore t = MonitorPersistence.open(MonitorConfig.forStore(target))) {
            t.saveSession(changed.toBuilder().label("edited in the target").build());
        }

        CommandResult differs = CommandResult.run("verify", "--from", source.baseDir().toString(),
                "--to", target.toString());

        assertThat(differs.exitCode()).as(differs.toString()).isEqualTo(1);
        assertThat(differs.out()).contains("session differs: session " + changed.sessionId());
    }

    @Test
    void aTargetHoldingMorePassesWithTheSurplusAsInformationAndFailsWithExact() throws IOException {
        SampleStore source = SampleStore.write(tmp.resolve("src"));
        SampleStore other = SampleStore.write(tmp.resolve("other"), UpstreamDataOptions.small(7).withLargePayloads(0, 0));
        Path target = tmp.resolve("dst");
        CommandResult theirs = CommandResult.run("migrate", "--from", other.baseDir().toString(),
                "--to", target.toString(), "--rejects", tmp.resolve("rejects-other").toString());
        assertThat(theirs.exitCode()).as(theirs.toString()).isZero();

        CommandResult merge = CommandResult.run("migrate", "--from", source.baseDir().toString(),
                "--to", target.toString(), "--rejects", tmp.resolve("rejects").toString());
        CommandResult contained = CommandResult.run("verify", "--from", source.baseDir().toString(),
                "--to", target.toString());
        CommandResult exact = CommandResult.run("verify", "--exact", "--from", source.baseDir().toString(),
                "--to", target.toString(), "--json");

        assertThat(merge.exitCode()).as(merge.toString()).isZero();
        assertThat(merge.out()).contains("verify: the target holds every source record").contains("(information)");
        assertThat(contained.exitCode()).as(contained.toString()).isZero();
        assertThat(contained.out()).startsWith("verify: the target holds every source record")
                .contains("the target also holds").doesNotContain("session only in target");
        assertThat(exact.exitCode()).as(exact.toString()).isEqualTo(1);
        JsonNode report = MonitorJson.parse(exact.out());
        assertThat(report.path("mode").asText()).isEqualTo("exact");
        assertThat(report.path("differences").path("session_extra").asLong())
                .isGreaterThanOrEqualTo(other.dataset().sessionRecords().size()).isPositive();
    }

    @Test
    void verifyOfAMissingStoreIsAUsageError() {
        CommandResult r = CommandResult.run("verify", "--from", tmp.resolve("nowhere").toString(),
                "--to", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(2);
    }
}
