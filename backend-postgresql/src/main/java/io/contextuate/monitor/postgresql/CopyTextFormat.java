package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.sql.EventRow;

import java.nio.charset.StandardCharsets;

/**
 * Writes event rows in PostgreSQL's COPY text format: tab-separated columns, {@code \N} for NULL, and backslash,
 * tab, newline and carriage return escaped. Strings reaching here passed {@code RowMapping}, so they hold no U+0000
 * and no unpaired surrogate and encode to UTF-8 exactly.
 */
final class CopyTextFormat {

    private final StringBuilder line = new StringBuilder(1024);

    /**
     * The row as one COPY line in UTF-8, in the column order of {@link PostgresBulkStatements#COPY_INTO_EVENTS},
     * preceded by the ordinal when it is not negative ({@link PostgresBulkStatements#COPY_INTO_STAGING}).
     */
    byte[] encode(int ordinal, EventRow r) {
        line.setLength(0);
        if (ordinal >= 0) {
            line.append(ordinal).append('\t');
        }
        escaped(r.id());
        field(r.sessionId());
        line.append('\t').append(r.timestamp());
        field(r.parentSessionId());
        field(r.machineId());
        field(r.workingDirectory());
        field(r.eventType());
        field(r.eventTypeOther());
        field(r.hookType());
        field(r.hookTypeOther());
        field(r.data());
        field(r.extra());
        field(r.recordJson());
        line.append('\n');
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void field(String value) {
        line.append('\t');
        escaped(value);
    }

    private StringBuilder escaped(String value) {
        if (value == null) {
            return line.append("\\N");
        }
        if (!needsEscapes(value)) {
            return line.append(value);
        }
        int run = 0; // start of the characters not copied yet: copied in runs, not one by one
        for (int i = 0, n = value.length(); i < n; i++) {
            String escape = switch (value.charAt(i)) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escape != null) {
                line.append(value, run, i).append(escape);
                run = i + 1;
            }
        }
        line.append(value, run, value.length());
        return line;
    }

    private static boolean needsEscapes(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
