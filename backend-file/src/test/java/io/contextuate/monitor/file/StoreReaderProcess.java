package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.AccessMode;
import io.contextuate.monitor.spi.model.SessionMeta;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A second JVM for the permission tests (run as {@code nobody}): opens a file store read-only and prints, one per
 * line, each problem ({@code PROBLEM<TAB>location<TAB>reason}), each session with events and how many
 * ({@code EVENTS<TAB>id<TAB>n}, through the one-pass read and through the indexed read), the session records
 * ({@code SESSIONS<TAB>n}) and the counts ({@code STATS<TAB>sessions<TAB>events}).
 */
public final class StoreReaderProcess {

    private StoreReaderProcess() {
    }

    public static void main(String[] args) {
        try (FileStore store = FileStore.open(Path.of(args[0]), p -> System.out.println("PROBLEM\t"
                + p.location() + "\t" + p.reason()), AccessMode.READ_ONLY)) {
            List<String> ids;
            try (Stream<String> s = store.streamEventSessionIds()) {
                ids = s.toList();
            }
            for (String id : ids) {
                try (Stream<?> one = store.streamEventsInSaveOrder(id); Stream<?> indexed = store.streamEvents(id)) {
                    System.out.println("EVENTS\t" + id + "\t" + one.count() + "\t" + indexed.count());
                }
            }
            try (Stream<SessionMeta> s = store.streamSessions()) {
                System.out.println("SESSIONS\t" + s.count());
            }
            System.out.println("STATS\t" + store.stats().sessions() + "\t" + store.stats().events());
        }
    }
}
