package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.model.SessionPatch;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.contextuate.monitor.file.TestRecords.T0;
import static io.contextuate.monitor.file.TestRecords.event;
import static io.contextuate.monitor.file.TestRecords.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A session id that would leave the base directory is refused, naming the field, and nothing is written. */
class SessionIdSafetyTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "../escaped", "a/b", "a\\b", "nul\u0000byte", "/etc", "C:", "C:escaped",
            "sessions/../../x"})
    void aPathEscapingSessionIdIsRefusedEverywhereAndNothingIsWritten(String id) throws Exception {
        Path base = root.resolve("store");
        try (FileStore store = FileStore.open(base, null)) {
            assertThatThrownBy(() -> store.saveEvent(event(id, "e1", T0)))
                    .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                        assertThat(e.field()).isEqualTo("sessionId");
                        assertThat(e.recordId()).isEqualTo("e1");
                    });
            assertThatThrownBy(() -> store.saveSession(session(id, T0)))
                    .isInstanceOfSatisfying(InvalidRecordException.class,
                            e -> assertThat(e.field()).isEqualTo("sessionId"));
            assertThatThrownBy(() -> store.updateSession(id, SessionPatch.empty().set("label", "x")))
                    .isInstanceOf(InvalidRecordException.class);
            assertThatThrownBy(() -> store.deleteSession(id)).isInstanceOf(InvalidRecordException.class);
            assertThat(store.getEvents(id)).isEmpty();
            assertThat(store.getSession(id)).isEmpty();
        }
        try (Stream<Path> written = Files.walk(root)) {
            assertThat(written.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 256})
    void anEmptyOrOverlongSessionIdIsRefused(int length) {
        try (FileStore store = FileStore.open(root, null)) {
            assertThatThrownBy(() -> store.saveEvent(event("x".repeat(length), "e1", T0)))
                    .isInstanceOfSatisfying(InvalidRecordException.class,
                            e -> assertThat(e.field()).isEqualTo("sessionId"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a1b2c3d4e5f60718", "a1b2c3d4", "agent-abc_123", ".hidden", "with space", "ünïcødé"})
    void ordinarySessionIdsAreKeptInTheirOwnDirectory(String id) {
        try (FileStore store = FileStore.open(root, null)) {
            store.saveSession(session(id, T0));
            store.saveEvent(event(id, "e1", T0));
            assertThat(store.getSession(id)).isPresent();
            assertThat(store.getEvents(id)).hasSize(1);
        }
        assertThat(root.resolve("sessions").resolve(id).resolve("meta.json")).exists();
    }
}
