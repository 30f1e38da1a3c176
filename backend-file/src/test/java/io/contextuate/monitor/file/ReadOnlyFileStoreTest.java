package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.AccessMode;
import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreSettings;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionPatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.contextuate.monitor.file.TestRecords.T0;
import static io.contextuate.monitor.file.TestRecords.event;
import static io.contextuate.monitor.file.TestRecords.ids;
import static io.contextuate.monitor.file.TestRecords.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A store opened read-only leaves its directory as it found it, works on a read-only mount, follows what upstream
 * appends behind its back, and refuses writes.
 */
class ReadOnlyFileStoreTest {

    @TempDir
    Path temp;

    @Test
    void everyReadWorksOnAReadOnlyMountAndLeavesTheDirectoryUnchanged() throws Exception {
        Path base = temp.resolve("store");
        writeUpstreamStore(base);
        Map<String, String> before = tree(base);
        try (ReadOnlyMount mount = ReadOnlyMount.of(base, temp.resolve("ro"));
             MonitorStore store = FileStore.open(mount.view(), null, AccessMode.READ_ONLY)) {
            readEverything(store);
        }
        assertThat(tree(base)).as("files and their sizes and times").isEqualTo(before);
        assertThat(base.resolve(".index")).doesNotExist();
    }

    @Test
    void theProviderOpensAReadOnlyStoreWhenTheContextSaysSo() throws Exception {
        Path base = temp.resolve("store");
        writeUpstreamStore(base);
        Map<String, String> before = tree(base);
        StoreContext context = new StoreContext(StoreSettings.of(Map.of("file.baseDir", base.toString())),
                null, null, AccessMode.READ_ONLY);
        try (MonitorStore store = new FileStoreProvider().open(context)) {
            readEverything(store);
            assertThatThrownBy(() -> store.saveEvent(event("s1", "new", T0)))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(tree(base)).isEqualTo(before);
    }

    @Test
    void aReadOnlyStoreSeesWhatUpstreamAppendsBehindItsBack() throws Exception {
        Path base = temp.resolve("store");
        writeUpstreamStore(base);
        Path events = base.resolve("sessions/s1/events.jsonl");
        try (ReadOnlyMount mount = ReadOnlyMount.of(base, temp.resolve("ro"));
             MonitorStore store = FileStore.open(mount.view(), null, AccessMode.READ_ONLY)) {
            assertThat(ids(store.getEvents("s1"))).containsExactly("e0", "e1", "e2");
            for (int i = 3; i < 3000; i++) {
                Files.write(events, TestRecords.upstreamLine(event("s1", "e" + i, T0 + i)),
                        StandardOpenOption.APPEND);
            }
            Files.write(events, TestRecords.upstreamLine(event("s1", "early", T0 - 1)), StandardOpenOption.APPEND);
            assertThat(ids(store.getEvents("s1", EventQuery.newest(2)))).containsExactly("e2998", "e2999");
            assertThat(store.getEventById("s1", "early")).isPresent();
            assertThat(ids(store.streamEvents("s1")).get(0)).isEqualTo("early");
            assertThat(store.stats().events()).isEqualTo(3000 + 1 + 3);
        }
        assertThat(base.resolve(".index")).doesNotExist();
    }

    @Test
    void everyWriteOfAReadOnlyStoreThrowsNamingTheStore() throws Exception {
        Path base = temp.resolve("store");
        writeUpstreamStore(base);
        Map<String, String> before = tree(base);
        try (MonitorStore store = FileStore.open(base, null, AccessMode.READ_ONLY)) {
            List<ThrowingConsumer<MonitorStore>> writes = List.of(
                    s -> s.saveEvent(event("s1", "x", T0)),
                    s -> s.saveEvents(List.of(event("s1", "x", T0))),
                    s -> s.saveSession(session("s9", T0)),
                    s -> s.updateSession("s1", SessionPatch.empty().set("label", "x")),
                    s -> s.deleteSession("s1"),
                    MonitorStore::deleteAllSessions,
                    s -> s.pruneOldSessions(Long.MAX_VALUE));
            for (ThrowingConsumer<MonitorStore> write : writes) {
                assertThatThrownBy(() -> write.accept(store)).isInstanceOf(UnsupportedOperationException.class)
                        .hasMessageContaining(base.toString()).hasMessageContaining("read-only");
            }
        }
        assertThat(tree(base)).isEqualTo(before);
    }

    private static void readEverything(MonitorStore store) {
        assertThat(store.getSessions(SessionQuery.all())).extracting(SessionMeta::sessionId)
                .containsExactly("s2", "s1");
        assertThat(store.getSession("s1")).isPresent();
        assertThat(ids(store.getEvents("s1"))).containsExactly("e0", "e1", "e2");
        assertThat(store.getEventById("s2", "e1")).isPresent();
        assertThat(store.getAllRecentEvents(2)).extracting(MonitorEvent::id).containsExactly("e2", "e2");
        assertThat(ids(store.streamEvents("s2"))).containsExactly("e0", "e1", "e2");
        try (Stream<SessionMeta> s = store.streamSessions(); Stream<String> e = store.streamEventSessionIds()) {
            assertThat(s.count()).isEqualTo(2);
            assertThat(e.count()).isEqualTo(2);
        }
        assertThat(store.approximateEventCount()).as("lines counted, none parsed").isEqualTo(6);
        assertThat(store.stats().events()).isEqualTo(6);
    }

    /** Two sessions as upstream writes them (no index, no lock file). */
    private static void writeUpstreamStore(Path base) throws IOException {
        for (String id : List.of("s1", "s2")) {
            Path dir = Files.createDirectories(base.resolve("sessions").resolve(id));
            long start = id.equals("s1") ? T0 : T0 + 1;
            Files.write(dir.resolve("meta.json"), MonitorJson.toMetaJson(session(id, start)));
            for (int i = 0; i < 3; i++) {
                Files.write(dir.resolve("events.jsonl"), TestRecords.upstreamLine(event(id, "e" + i, T0 + i)),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    /** Every path under a directory with its size and modification time. */
    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                entries.put(dir.relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p));
            }
        }
        return entries;
    }
}
