package io.contextuate.monitor.benchmarks.postgresql;

import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.internal.RowMapping;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** What the store is measured against: PostgreSQL's own COPY, and plain JDBC prepared inserts, of the same rows. */
final class RawBaselines {

    private static final String COLUMNS = "(id, session_id, \"timestamp\", parent_session_id, machine_id,"
            + " working_directory, event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json)";

    private RawBaselines() {
    }

    /** The rows as one COPY text stream, made before the clock starts. */
    static byte[] copyText(List<MonitorEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 700);
        StringBuilder line = new StringBuilder(1024);
        for (MonitorEvent e : events) {
            EventRow r = RowMapping.toRow(e);
            line.setLength(0);
            line.append(escape(r.id())).append('\t').append(escape(r.sessionId())).append('\t').append(r.timestamp())
                    .append('\t').append(escape(r.parentSessionId())).append('\t').append(escape(r.machineId()))
                    .append('\t').append(escape(r.workingDirectory())).append('\t').append(escape(r.eventType()))
                    .append('\t').append(escape(r.eventTypeOther())).append('\t').append(escape(r.hookType()))
                    .append('\t').append(escape(r.hookTypeOther())).append('\t').append(escape(r.data().toString()))
                    .append('\t').append(escape(r.extra())).append('\t').append(escape(r.recordJson())).append('\n');
            out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** COPY of prepared text into the events table of a schema; the number of rows. */
    static long copy(Connection c, String schema, byte[] text) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + schema + ".events " + COLUMNS + " FROM STDIN");
        int chunk = 1 << 20;
        for (int off = 0; off < text.length; off += chunk) {
            in.writeToCopy(text, off, Math.min(chunk, text.length - off));
        }
        return in.endCopy();
    }

    /** One prepared INSERT per row (mapped before the clock starts), autocommit, as plain JDBC would write. */
    static int insertEach(Connection c, String schema, List<EventRow> rows) throws SQLException {
        int added = 0;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".events " + COLUMNS
                + " VALUES (?, ?, ?, ?, ?, ?, CAST(? AS " + schema + ".monitor_event_type), ?, CAST(? AS " + schema
                + ".claude_hook_type), ?, CAST(? AS jsonb), CAST(? AS jsonb), ?) ON CONFLICT (session_id, id) DO NOTHING")) {
            for (EventRow r : rows) {
                s.setString(1, r.id());
                s.setString(2, r.sessionId());
                s.setLong(3, r.timestamp());
                s.setString(4, r.parentSessionId());
                s.setString(5, r.machineId());
                s.setString(6, r.workingDirectory());
                s.setString(7, r.eventType());
                s.setString(8, r.eventTypeOther());
                s.setString(9, r.hookType());
                s.setString(10, r.hookTypeOther());
                s.setString(11, r.data().toString());
                if (r.extra() == null) {
                    s.setNull(12, Types.VARCHAR);
                } else {
                    s.setString(12, r.extra());
                }
                s.setString(13, r.recordJson());
                added += s.executeUpdate();
            }
        }
        return added;
    }

    private static String escape(String v) {
        if (v == null) {
            return "\\N";
        }
        StringBuilder b = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
