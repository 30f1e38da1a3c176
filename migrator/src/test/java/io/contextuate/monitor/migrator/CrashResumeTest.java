package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.StoreStats;
import io.contextuate.monitor.conformance.UpstreamDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Kills a migrating process (SIGKILL) at several points; running it again finishes with no gap and no copy. */
class CrashResumeTest {

    @TempDir
    Path tmp;

    @Test
    void aMigrationToFilesKilledAtAnyPointFinishesOnRerunWithNoGapAndNoDuplicate() throws Exception {
        killAndRerun(tmp.resolve("target"));
    }

    @Test
    void aMigrationToPostgresqlKilledAtAnyPointFinishesOnRerunWithNoGapAndNoDuplicate() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create(ScratchDatabase.Kind.POSTGRESQL)) {
            killAndRerun(db.writeConfig(tmp.resolve("config")));
        }
    }

    private void killAndRerun(Path target) throws Exception {
        Path source = tmp.resolve("source");
        UpstreamDataset data = GeneratedStores.write(source,
                GeneratedStores.quick(21).withSessions(40).withEventsPerSession(120).withLargePayloads(0, 0));
        long total = data.distinctEvents().size();
        List<Predicate<String>> killPoints = List.of(
                line -> line.startsWith("progress SESSIONS"),
                line -> eventsDone(line) >= total / 10,
                line -> eventsDone(line) >= total / 3,
                line -> eventsDone(line) >= total * 2 / 3,
                line -> line.startsWith("progress VERIFYING"));
        int killed = 0;
        for (Predicate<String> killPoint : killPoints) {
            if (runUntil(source, target, killPoint)) {
                killed++;
            }
        }
        assertThat(killed).as("runs killed before they finished").isGreaterThanOrEqualTo(4);

        Process last = start(source, target);
        String output = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as(output).isZero();
        assertThat(output).contains("done COMPLETED");

        StoreContents before = StoreContents.of(source);
        StoreContents after = StoreContents.of(target);
        assertThat(after.events()).isEqualTo(before.events());
        before.sessions().forEach((id, record) -> assertThat(after.sessions().get(id)).as(id).isEqualTo(record));
        long reconstructed = data.sessions().stream().filter(s -> s.meta().isEmpty() && !s.lines().isEmpty()).count();
        try (MonitorStore t = StoreOpener.at(target).open(ReadProblemListener.NONE)) {
            StoreStats stats = t.stats();
            assertThat(stats.events()).isEqualTo(total);
            assertThat(stats.sessions()).isEqualTo(data.sessionRecords().size() + reconstructed);
        }
    }

    /** @return whether the process was killed (rather than finishing first) */
    private boolean runUntil(Path source, Path target, Predicate<String> killPoint) throws Exception {
        Process p = start(source, target);
        boolean killed = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (killPoint.test(line)) {
                    p.destroyForcibly();
                    killed = true;
                    break;
                }
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return killed;
    }

    private Process start(Path source, Path target) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MigrationChildProcess.class.getName());
        cmd.add(source.toString());
        cmd.add(target.toString());
        cmd.add(tmp.resolve("rejects").toString());
        cmd.add("25");
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static long eventsDone(String line) {
        String[] parts = line.split(" ");
        return parts.length == 3 && parts[0].equals("progress") ? Long.parseLong(parts[2]) : -1;
    }
}
