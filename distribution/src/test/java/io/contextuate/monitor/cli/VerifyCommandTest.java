package io.contextuate.monitor.cli;

import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.spi.MonitorStore;
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
    void verifyOfAMissingStoreIsAUsageError() {
        CommandResult r = CommandResult.run("verify", "--from", tmp.resolve("nowhere").toString(),
                "--to", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(2);
    }
}
