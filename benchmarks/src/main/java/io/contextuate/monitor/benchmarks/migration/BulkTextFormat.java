package io.contextuate.monitor.benchmarks.migration;

import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.SessionColumn;
import io.contextuate.monitor.sql.SessionRow;

/**
 * The tab-separated text both bulk loaders read by default (PostgreSQL's {@code COPY ... FROM STDIN} text format,
 * MariaDB's {@code LOAD DATA} default): {@code \N} for NULL; backslash, tab, newline and carriage return escaped.
 * The two differ only in how a boolean is spelled.
 */
public enum BulkTextFormat {
    /** PostgreSQL COPY text. */
    COPY("t", "f"),
    /** MariaDB / MySQL LOAD DATA text. */
    LOAD_DATA("1", "0");

    /** The events columns in the order {@link #eventLine} writes them; %1$s quotes {@code timestamp}. */
    public static final String EVENT_COLUMNS = "id, session_id, %1$stimestamp%1$s, parent_session_id, machine_id,"
            + " working_directory, event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json";
    /** The sessions columns in the order {@link #sessionLine} writes them (those of {@link SessionColumn}). */
    public static final String SESSION_COLUMNS = SessionColumn.names();

    private final String yes;
    private final String no;

    BulkTextFormat(String yes, String no) {
        this.yes = yes;
        this.no = no;
    }

    /** One line (with its newline) for an event row. */
    public String eventLine(EventRow r) {
        StringBuilder b = new StringBuilder(r.data().length() + 256);
        fields(b, r.id(), r.sessionId(), Long.toString(r.timestamp()), r.parentSessionId(), r.machineId(),
                r.workingDirectory(), r.eventType(), r.eventTypeOther(), r.hookType(), r.hookTypeOther(), r.data().toString(),
                r.extra(), r.recordJson());
        return b.append('\n').toString();
    }

    /** One line (with its newline) for a session row. */
    public String sessionLine(SessionRow r) {
        String[] values = new String[SessionColumn.all().size()];
        for (SessionColumn c : SessionColumn.all()) {
            Object v = r.get(c);
            values[c.ordinal()] = v instanceof Boolean flag ? bool(flag) : v == null ? null : v.toString();
        }
        StringBuilder b = new StringBuilder(512);
        fields(b, values);
        return b.append('\n').toString();
    }

    private String bool(Boolean v) {
        return v == null ? null : v ? yes : no;
    }

    private static void fields(StringBuilder b, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append('\t');
            }
            escape(b, values[i]);
        }
    }

    private static void escape(StringBuilder b, String v) {
        if (v == null) {
            b.append("\\N");
            return;
        }
        for (int i = 0, n = v.length(); i < n; i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
    }
}
