package io.contextuate.monitor.sql;

import io.contextuate.monitor.spi.MayChange;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.NamedArgumentFinder;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.Types;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A session as the columns of the sessions table hold it: one value per {@link SessionColumn}, of its kind's
 * {@linkplain SessionColumn.Kind#javaType() Java type} (JSON columns as JSON text), {@code null} for SQL NULL (an
 * absent member). Statements bind it with {@link BindSessionRow}, each column as the parameter of its name.
 */
@MayChange("follows SessionColumn; the accessors beyond get(column) are those the generic store needs")
public final class SessionRow {

    private static final List<SessionColumn> COLUMNS = SessionColumn.all();
    private static final Map<String, SessionColumn> BY_NAME = COLUMNS.stream()
            .collect(Collectors.toUnmodifiableMap(SessionColumn::columnName, Function.identity()));
    private static final List<String> NAMES = COLUMNS.stream().map(SessionColumn::columnName).toList();
    private static final List<SessionColumn> NOT_NULL = List.of(SessionColumn.SESSION_ID, SessionColumn.MACHINE_ID,
            SessionColumn.WORKING_DIRECTORY, SessionColumn.START_TIME, SessionColumn.IS_PLACEHOLDER);

    private final Object[] values;

    /**
     * A row of these values, one per column in the order of {@link SessionColumn#all()}.
     *
     * @throws IllegalArgumentException when a value is missing or of another type than its column's kind, or a
     *                                  column the table requires (id, machine, directory, start, placeholder) is NULL
     */
    public SessionRow(Object... values) {
        if (values.length != COLUMNS.size()) {
            throw new IllegalArgumentException("a session row has " + COLUMNS.size() + " values, not "
                    + values.length);
        }
        for (SessionColumn c : COLUMNS) {
            Object v = values[c.ordinal()];
            if (v != null && !c.kind().javaType().isInstance(v)) {
                throw new IllegalArgumentException(c.columnName() + " holds a " + c.kind().javaType().getSimpleName()
                        + ", not a " + v.getClass().getSimpleName());
            }
        }
        this.values = values.clone();
        for (SessionColumn required : NOT_NULL) {
            if (get(required) == null) {
                throw new IllegalArgumentException(required.columnName() + " cannot be NULL");
            }
        }
    }

    /** The column's value, or {@code null} for SQL NULL. */
    public Object get(SessionColumn column) {
        return values[column.ordinal()];
    }

    /** session_id. */
    public String sessionId() {
        return (String) get(SessionColumn.SESSION_ID);
    }

    /** machine_id (sanitized when {@link #recordJson()} is set). */
    public String machineId() {
        return (String) get(SessionColumn.MACHINE_ID);
    }

    /** working_directory (sanitized likewise). */
    public String workingDirectory() {
        return (String) get(SessionColumn.WORKING_DIRECTORY);
    }

    /** start_time, Unix ms. */
    public long startTime() {
        return (Long) get(SessionColumn.START_TIME);
    }

    /** parent_session_id, or {@code null}. */
    public String parentSessionId() {
        return (String) get(SessionColumn.PARENT_SESSION_ID);
    }

    /** record_json: the exact record when the columns cannot hold it exactly, else {@code null}. */
    public String recordJson() {
        return (String) get(SessionColumn.RECORD_JSON);
    }

    /** is_placeholder: a row standing in for a session that has no record yet. */
    public boolean placeholder() {
        return (Boolean) get(SessionColumn.IS_PLACEHOLDER);
    }

    /** The row's values as named parameters, {@code :session_id} and so on (see {@link BindSessionRow}). */
    NamedArgumentFinder arguments() {
        return new NamedArgumentFinder() {
            @Override
            public Optional<Argument> find(String name, StatementContext ctx) {
                SessionColumn column = BY_NAME.get(name);
                return column == null ? Optional.empty() : Optional.of(argument(column, get(column)));
            }

            @Override
            public Collection<String> getNames() {
                return NAMES;
            }
        };
    }

    private static Argument argument(SessionColumn column, Object value) {
        if (value == null) {
            int type = switch (column.kind()) {
                case BIGINT -> Types.BIGINT;
                case BOOLEAN -> Types.BOOLEAN;
                case TEXT, JSON, STATUS -> Types.VARCHAR;
            };
            return (position, statement, ctx) -> statement.setNull(position, type);
        }
        return switch (column.kind()) {
            case BIGINT -> (position, statement, ctx) -> statement.setLong(position, (Long) value);
            case BOOLEAN -> (position, statement, ctx) -> statement.setBoolean(position, (Boolean) value);
            case TEXT, JSON, STATUS -> (position, statement, ctx) -> statement.setString(position, (String) value);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionRow other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "SessionRow[", "]");
        for (SessionColumn c : COLUMNS) {
            s.add(c.columnName() + "=" + get(c));
        }
        return s.toString();
    }
}
