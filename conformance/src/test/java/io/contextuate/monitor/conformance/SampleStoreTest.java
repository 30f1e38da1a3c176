package io.contextuate.monitor.conformance;

import io.contextuate.monitor.spi.model.MonitorEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed {@code examples/sample-store} is what {@link SampleStoreGenerator} writes, and holds what it says. */
class SampleStoreTest {

    private static final Path COMMITTED = Path.of("..", "examples", "sample-store");

    @Test
    void theCommittedSampleStoreIsWhatTheGeneratorWrites(@TempDir Path fresh) throws IOException {
        SampleStoreGenerator.write(fresh);
        List<Path> files = files(fresh);
        assertThat(files(COMMITTED)).as("files of " + COMMITTED.toAbsolutePath().normalize()
                + "; regenerate with the command in SampleStoreGenerator's Javadoc").isEqualTo(files);
        for (Path f : files) {
            assertThat(Files.readAllBytes(COMMITTED.resolve("sessions").resolve(f))).as(f.toString())
                    .isEqualTo(Files.readAllBytes(fresh.resolve("sessions").resolve(f)));
        }
    }

    @Test
    void theSampleHoldsAChildASessionWithoutEventsAndAnUnseenType() {
        UpstreamDataset sample = UpstreamData.generate(SampleStoreGenerator.SAMPLE);
        assertThat(sample.sessions()).hasSize(6).anyMatch(s -> s.session() != null && s.lines().isEmpty());
        assertThat(sample.sessionMetas()).anyMatch(s -> s.agentType() != null && s.parentSessionId() != null);
        assertThat(sample.distinctEvents()).hasSizeBetween(50, 70);
        assertThat(sample.allEventRecords()).extracting(MonitorEvent::eventType).anyMatch(t -> !t.isKnown());
        assertThat(sample.allLines()).allMatch(e -> e.line().length < 4_000);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root.resolve("sessions"))) {
            return all.filter(Files::isRegularFile).map(p -> root.resolve("sessions").relativize(p)).sorted()
                    .toList();
        }
    }
}
