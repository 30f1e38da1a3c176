package io.contextuate.monitor.cli;

import io.contextuate.monitor.spi.model.SessionMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class PruneCommandTest {

    @TempDir
    Path dir;

    /** An age that puts the cutoff in the middle of the generated sessions' activity. */
    private static String ageCuttingThrough(List<SessionMeta> sessions) {
        List<Long> activity = sessions.stream().map(SessionMeta::lastActivity).sorted().toList();
        long middle = activity.get(activity.size() / 2);
        long seconds = (System.currentTimeMillis() - middle) / 1000;
        return seconds + "s";
    }

    private static Set<String> ids(CommandResult sessionsJson) {
        return sessionsJson.jsonLines().stream().map(l -> l.get("sessionId").textValue()).collect(Collectors.toSet());
    }

    @Test
    void dryRunListsTheUnpinnedSessionsOlderThanTheAgeAndDeletesNothing() throws Exception {
        SampleStore store = SampleStore.write(dir);
        List<SessionMeta> sessions = store.dataset().sessionMetas();
        String age = ageCuttingThrough(sessions);
        long cutoffFloor = System.currentTimeMillis() - new AgeConverter().convert(age).toMillis();
        Set<String> old = sessions.stream()
                .filter(s -> !s.pinned() && s.lastActivity() < cutoffFloor - 2_000).map(SessionMeta::sessionId)
                .collect(Collectors.toSet());
        Set<String> young = sessions.stream()
                .filter(s -> s.pinned() || s.lastActivity() >= cutoffFloor + 2_000).map(SessionMeta::sessionId)
                .collect(Collectors.toSet());
        String config = store.configFile().toString();

        CommandResult dry = CommandResult.run("--config", config, "prune", "--older-than", age, "--dry-run");

        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(old).isNotEmpty();
        old.forEach(id -> assertThat(dry.out()).contains(HumanFormat.head(id, 20)));
        young.forEach(id -> assertThat(dry.lines()).noneMatch(l -> l.startsWith(HumanFormat.head(id, 20) + " ")));
        assertThat(dry.out()).contains("nothing was deleted");
        assertThat(ids(CommandResult.run("--config", config, "sessions", "--all", "--json")))
                .hasSize(sessions.size());
    }

    @Test
    void pruneDeletesTheOldUnpinnedSessionsAndKeepsTheOthers() throws Exception {
        SampleStore store = SampleStore.write(dir);
        List<SessionMeta> sessions = store.dataset().sessionMetas();
        String age = ageCuttingThrough(sessions);
        String config = store.configFile().toString();
        Set<String> listedByDryRun = CommandResult.run("--config", config, "prune", "--older-than", age, "--dry-run")
                .lines().stream().skip(1).filter(l -> !l.startsWith("Dry run")).map(l -> l.split("\\s+")[0]).collect(Collectors.toSet());

        CommandResult r = CommandResult.run("--config", config, "prune", "--older-than", age);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        Set<String> left = ids(CommandResult.run("--config", config, "sessions", "--all", "--json"));
        Set<String> pinned = sessions.stream().filter(SessionMeta::pinned).map(SessionMeta::sessionId)
                .collect(Collectors.toSet());
        assertThat(left).containsAll(pinned);
        assertThat(left).hasSizeLessThan(sessions.size());
        assertThat(r.out()).contains("Pruned " + (sessions.size() - left.size()) + " sessions");
        assertThat(left).doesNotContainAnyElementsOf(listedByDryRun);
    }

    @Test
    void ageUnitsAreDaysHoursMinutesAndSeconds() {
        AgeConverter ages = new AgeConverter();

        assertThat(ages.convert("90d")).isEqualTo(Duration.ofDays(90));
        assertThat(ages.convert("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(ages.convert("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(ages.convert("45s")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void anAgeWithoutAKnownUnitIsAUsageError() throws Exception {
        Path config = SampleStore.configFor(dir, "file", dir.resolve("store"));

        CommandResult noUnit = CommandResult.run("--config", config.toString(), "prune", "--older-than", "90");
        CommandResult weeks = CommandResult.run("--config", config.toString(), "prune", "--older-than", "2w");
        CommandResult missing = CommandResult.run("--config", config.toString(), "prune");

        assertThat(List.of(noUnit.exitCode(), weeks.exitCode(), missing.exitCode()))
                .containsOnly(ExitCode.USAGE);
        assertThat(weeks.err()).contains("2w");
    }
}
