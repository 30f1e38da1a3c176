package io.contextuate.monitor.migrator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointTest {

    @TempDir
    Path tmp;

    @Test
    void aLineTornByAKillIsIgnoredAndLinesAfterItStillCount() throws Exception {
        Path file = tmp.resolve("cp.jsonl");
        try (Checkpoint cp = Checkpoint.open(file, "src", "dst")) {
            cp.markCompleted("a", new SessionTally(10, 1));
        }
        Files.writeString(file, "{\"session\":\"b\",\"re", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (Checkpoint cp = Checkpoint.open(file, "src", "dst")) {
            assertThat(cp.completed("a")).contains(new SessionTally(10, 1));
            assertThat(cp.completed("b")).isEmpty();
            cp.markCompleted("c", new SessionTally(3, 0));
        }
        try (Checkpoint cp = Checkpoint.open(file, "src", "dst")) {
            assertThat(cp.completedCount()).isEqualTo(2);
            assertThat(cp.completed("c")).contains(new SessionTally(3, 0));
        }
    }

    @Test
    void aFinishedRunStartsOver() {
        Path file = tmp.resolve("cp.jsonl");
        try (Checkpoint cp = Checkpoint.open(file, "src", "dst")) {
            cp.markCompleted("a", new SessionTally(1, 0));
            cp.markFinished();
        }
        try (Checkpoint cp = Checkpoint.open(file, "src", "dst")) {
            assertThat(cp.completedCount()).isZero();
        }
    }

    @Test
    void theCheckpointOfAnotherPairOfStoresIsRefused() {
        Path file = tmp.resolve("cp.jsonl");
        Checkpoint.open(file, "src", "dst").close();

        assertThatThrownBy(() -> Checkpoint.open(file, "src", "elsewhere"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to the migration from src to dst");
    }
}
