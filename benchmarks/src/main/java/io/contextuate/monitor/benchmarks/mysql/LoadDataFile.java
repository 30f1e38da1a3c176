package io.contextuate.monitor.benchmarks.mysql;

import io.contextuate.monitor.benchmarks.migration.BulkTextFormat;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;
import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.SessionRow;
import io.contextuate.monitor.sql.internal.RowMapping;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The baseline: the same rows the store writes (through the same {@link RowMapping}), in a file in LOAD DATA's
 * default text format, loaded by the server's own {@code LOAD DATA LOCAL INFILE} into the same schema.
 */
final class LoadDataFile {

    private static final String EVENT_COLUMNS = "(" + String.format(BulkTextFormat.EVENT_COLUMNS, "`") + ")";
    private static final String SESSION_COLUMNS = "(" + BulkTextFormat.SESSION_COLUMNS + ")";

    private final Path events;
    private final Path sessions;

    private LoadDataFile(Path events, Path sessions) {
        this.events = events;
        this.sessions = sessions;
    }

    /**
     * Writes events {@code from} (inclusive) to {@code to} (exclusive) and a row for each of their sessions: a
     * placeholder (as the store's bulk path writes) or a real session starting at its first event.
     */
    static LoadDataFile write(SyntheticEvents source, long from, long to, boolean placeholders) throws IOException {
        Path events = Files.createTempFile("cm-bench-events", ".tsv");
        Path sessions = Files.createTempFile("cm-bench-sessions", ".tsv");
        Map<String, EventRow> firstOfSession = new LinkedHashMap<>();
        try (BufferedWriter out = Files.newBufferedWriter(events, StandardCharsets.UTF_8)) {
            for (long n = from; n < to; n++) {
                EventRow row = RowMapping.toRow(source.event(n));
                firstOfSession.putIfAbsent(row.sessionId(), row);
                out.write(BulkTextFormat.LOAD_DATA.eventLine(row));
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(sessions, StandardCharsets.UTF_8)) {
            for (EventRow row : firstOfSession.values()) {
                SessionRow session = placeholders ? RowMapping.placeholderFor(row) : RowMapping.toRow(
                        SessionMeta.builder().sessionId(row.sessionId()).machineId(row.machineId())
                                .workingDirectory(row.workingDirectory()).startTime(row.timestamp())
                                .status(SessionStatus.ACTIVE).build());
                out.write(BulkTextFormat.LOAD_DATA.sessionLine(session));
            }
        }
        return new LoadDataFile(events, sessions);
    }

    /** Loads the sessions, then the events, into the tables of the prefix; the time taken in nanoseconds. */
    long load(Connection connection, String prefix) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute(loadStatement(sessions, prefix + "sessions", SESSION_COLUMNS));
            statement.execute(loadStatement(events, prefix + "events", EVENT_COLUMNS));
        }
        return System.nanoTime() - start;
    }

    void delete() throws IOException {
        Files.deleteIfExists(events);
        Files.deleteIfExists(sessions);
    }

    long eventBytes() throws IOException {
        return Files.size(events);
    }

    // the file name is one this class created, the table name comes from a fixed prefix
    private static String loadStatement(Path file, String table, String columns) {
        return "LOAD DATA LOCAL INFILE '" + file.toAbsolutePath().toString().replace("\\", "\\\\").replace("'", "''")
                + "' INTO TABLE " + table + " CHARACTER SET utf8mb4 " + columns;
    }
}
