package io.contextuate.monitor.benchmarks.migration;

import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.sql.internal.RowMapping;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rows of a source store in a bulk loader's text format, made before any clock starts: what the source's
 * sessions and events become in the SQL schema (through the same {@link RowMapping} the SQL stores use), one file
 * for the sessions table and one for the events table, sessions in the source's order, events session by session.
 *
 * @param sessions the sessions file
 * @param events   the events file
 * @param rows     how many event rows the events file holds
 */
record BaselineFiles(Path sessions, Path events, long rows) {

    /** Reads the file store in {@code source} and writes its rows into {@code dir} in {@code format}. */
    static BaselineFiles write(Path source, Path dir, BulkTextFormat format) throws IOException {
        Files.createDirectories(dir);
        String ext = format == BulkTextFormat.COPY ? ".copy" : ".tsv";
        Path sessions = dir.resolve("sessions" + ext);
        Path events = dir.resolve("events" + ext);
        long rows = 0;
        try (MonitorStore store = MonitorPersistence.open(MonitorConfig.fileStore(source));
             BufferedWriter s = Files.newBufferedWriter(sessions, StandardCharsets.UTF_8);
             BufferedWriter e = Files.newBufferedWriter(events, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            try (Stream<SessionMeta> all = store.streamSessions()) {
                all.forEach(m -> write(s, format.sessionLine(RowMapping.toRow(m))));
            }
            List<String> ids;
            try (Stream<String> all = store.streamEventSessionIds()) {
                ids = all.toList();
            }
            for (String id : ids) {
                try (Stream<MonitorEvent> all = store.streamEvents(id)) {
                    for (Iterator<MonitorEvent> it = all.iterator(); it.hasNext(); ) {
                        write(e, format.eventLine(RowMapping.toRow(it.next())));
                        rows++;
                    }
                }
            }
        }
        return new BaselineFiles(sessions, events, rows);
    }

    private static void write(BufferedWriter out, String line) {
        try {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
