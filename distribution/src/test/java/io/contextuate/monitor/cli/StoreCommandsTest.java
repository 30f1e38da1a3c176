package io.contextuate.monitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** backends, stats, doctor and schema against a file store. */
class StoreCommandsTest {

    @TempDir
    Path dir;

    @Test
    void backendsListsTheFileProviderWithItsOrigin() {
        CommandResult human = CommandResult.run("backends");
        CommandResult json = CommandResult.run("backends", "--json");

        assertThat(human.exitCode()).as(human.toString()).isZero();
        assertThat(human.lines().get(0)).startsWith("TYPE").contains("ALIASES", "DESCRIPTION", "ORIGIN");
        List<JsonNode> providers = json.jsonLines();
        assertThat(providers).extracting(p -> p.get("type").textValue()).contains("file");
        assertThat(providers).allSatisfy(p -> {
            assertThat(p.get("origin").textValue()).isNotBlank();
            assertThat(p.get("aliases").isArray()).isTrue();
        });
    }

    @Test
    void statsCountsSessionsByStatusAndEvents() throws Exception {
        SampleStore store = SampleStore.write(dir);

        CommandResult r = CommandResult.run("--config", store.configFile().toString(), "stats", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode stats = r.jsonLines().get(0);
        assertThat(stats.get("sessions").longValue()).isEqualTo(store.dataset().sessionRecords().size());
        assertThat(stats.get("events").longValue()).isEqualTo(store.dataset().distinctEvents().size());
        Map<String, Long> byStatus = store.dataset().sessionMetas().stream()
                .collect(Collectors.groupingBy(s -> s.status().value(), Collectors.counting()));
        byStatus.forEach((status, n) -> assertThat(stats.get("sessionsByStatus").get(status).longValue())
                .as(status).isEqualTo(n));
        long first = store.dataset().sessionMetas().stream().mapToLong(SessionMeta::startTime).min().orElseThrow();
        assertThat(stats.get("firstSessionStart").longValue()).isEqualTo(first);
    }

    @Test
    void doctorPassesEveryCheckOnAWorkingFileStore() throws Exception {
        SampleStore store = SampleStore.write(dir);

        CommandResult r = CommandResult.run("--config", store.configFile().toString(), "doctor");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains(store.configFile().toString())
                .contains(store.dataset().sessionRecords().size() + " sessions")
                .doesNotContain("FAIL");
        assertThat(r.lines()).filteredOn(l -> l.startsWith("OK")).extracting(l -> l.split("\\s+")[1])
                .containsExactly("configuration", "persistence", "provider", "schema", "store", "counts");
    }

    @Test
    void doctorFailsTheProviderCheckForAnUnknownTypeWithExitCodeTwo() throws Exception {
        Path config = SampleStore.configFor(dir, "no-such-store", dir.resolve("store"));

        CommandResult r = CommandResult.run("--config", config.toString(), "doctor");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.lines()).anySatisfy(l -> assertThat(l).startsWith("FAIL").contains("provider", "no-such-store"));
    }

    @Test
    void schemaCommandsSayAFileStoreHasNoSchema() throws Exception {
        SampleStore store = SampleStore.write(dir);

        CommandResult status = CommandResult.run("--config", store.configFile().toString(), "schema", "status");
        CommandResult apply = CommandResult.run("--config", store.configFile().toString(), "schema", "apply");
        CommandResult print = CommandResult.run("--config", store.configFile().toString(), "schema", "print");

        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("no schema");
        assertThat(apply.exitCode()).isZero();
        assertThat(print.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(print.out()).isEmpty();
        assertThat(print.err()).contains("no schema");
    }

    @Test
    void schemaWithoutASubcommandIsAUsageError() {
        CommandResult r = CommandResult.run("schema");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void sessionsOfAnEmptyStoreSaySo() throws Exception {
        Path config = SampleStore.configFor(dir, "file", dir.resolve("empty"));

        CommandResult r = CommandResult.run("--config", config.toString(), "sessions");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("No sessions");
    }
}
