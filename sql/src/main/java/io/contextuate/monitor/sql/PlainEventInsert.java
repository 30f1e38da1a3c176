package io.contextuate.monitor.sql;

import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single-event insert of {@link SqlMonitorStore#saveEvent} as a plain JDBC prepared statement on a pooled
 * connection: the SQL is the backend's own {@code @SqlUpdate} of {@link SqlStatements#insertEvent}, its table
 * attributes rendered and its named parameters made positional once, and each call binds the row's values the way
 * JDBI's {@code @BindMethods} would. JDBI's per-handle and per-statement work cost more than a fast server's insert.
 */
final class PlainEventInsert {

    private static final Pattern ATTRIBUTE = Pattern.compile("<([A-Za-z_][A-Za-z0-9_]*)>");

    private final String sql;
    private final Method[] values;

    private PlainEventInsert(String sql, Method[] values) {
        this.sql = sql;
        this.values = values;
    }

    /** The insert for these statements, or {@code null} when their {@code insertEvent} carries no SQL to reuse. */
    static PlainEventInsert of(Class<? extends SqlStatements> statements, Map<String, String> attributes) {
        SqlUpdate update;
        try {
            update = statements.getMethod("insertEvent", EventRow.class).getAnnotation(SqlUpdate.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
        if (update == null || update.value().isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        String positional = positional(render(update.value(), attributes), names);
        Method[] values = new Method[names.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = EventRow.class.getMethod(names.get(i));
            } catch (NoSuchMethodException e) {
                return null; // a parameter that is no column of the row: leave the statement to JDBI
            }
        }
        return new PlainEventInsert(positional, values);
    }

    /** Inserts the row on the connection (in its auto-commit mode); the update count. */
    int insert(Connection connection, EventRow row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                bind(statement, i + 1, values[i], row);
            }
            return statement.executeUpdate();
        }
    }

    /** The positional SQL (for tests and messages). */
    String sql() {
        return sql;
    }

    private static void bind(PreparedStatement statement, int index, Method accessor, EventRow row)
            throws SQLException {
        Object value;
        try {
            value = accessor.invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor.getName() + " of an event row", e);
        }
        Class<?> type = accessor.getReturnType();
        if (value == null) {
            statement.setNull(index, type == String.class || type == JsonText.class ? Types.VARCHAR
                    : type == Long.class || type == long.class ? Types.BIGINT : Types.OTHER);
        } else if (value instanceof String s) {
            statement.setString(index, s);
        } else if (value instanceof JsonText json) {
            statement.setString(index, json.toString());
        } else if (value instanceof Long n) {
            statement.setLong(index, n);
        } else {
            statement.setObject(index, value);
        }
    }

    /** Replaces each {@code <name>} as JDBI's defined attributes do. */
    static String render(String sql, Map<String, String> attributes) {
        Matcher m = ATTRIBUTE.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length() + 32);
        while (m.find()) {
            String value = attributes.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("the statement names an undefined attribute <" + m.group(1) + ">");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /**
     * The SQL with each {@code :name} replaced by {@code ?}, the names added in order; quoted text and identifiers
     * and {@code ::} casts are left as they are.
     */
    static String positional(String sql, List<String> names) {
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = sql.indexOf(c, i + 1);
                end = end < 0 ? n - 1 : end;
                out.append(sql, i, end + 1);
                i = end;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                out.append("::");
                i++;
            } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                names.add(sql.substring(i + 1, end));
                out.append('?');
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
