package io.contextuate.monitor.sql;

import io.contextuate.monitor.spi.MayChange;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The columns of the sessions table, in table order, and where each one's value lives in a session's JSON object
 * (as {@link io.contextuate.monitor.spi.json.MonitorJson#toJson(io.contextuate.monitor.spi.model.SessionMeta)}
 * writes it): the one mapping between a session record, its JSON and its columns. Everything else is derived from
 * it: the column lists, VALUES and upsert assignments of the statements ({@link #attributes}), the row mapping and
 * the row mapper.
 *
 * <p>A column takes its {@linkplain #member() member} when the member's value is of the column's {@link Kind};
 * otherwise the member stays in the JSON and ends up in a rest column. {@code *} names the members of an object
 * that no other column takes ({@code extra} at the top level, {@code token_usage_extra} in {@code tokenUsage}). So
 * a new member of the model that has no column yet is kept in {@code extra}, losslessly, until a migration and a
 * line here give it one.
 */
@MayChange("a constant is added with each new column of the sessions table")
public enum SessionColumn {
    SESSION_ID("session_id", Kind.TEXT, "sessionId"),
    MACHINE_ID("machine_id", Kind.TEXT, "machineId"),
    WORKING_DIRECTORY("working_directory", Kind.TEXT, "workingDirectory"),
    START_TIME("start_time", Kind.BIGINT, "startTime"),
    END_TIME("end_time", Kind.BIGINT, "endTime"),
    /** A known status; any other is left to {@link #STATUS_OTHER}. */
    STATUS("status", Kind.STATUS, "status"),
    STATUS_OTHER("status_other", Kind.TEXT, "status"),
    PARENT_SESSION_ID("parent_session_id", Kind.TEXT, "parentSessionId"),
    CHILD_SESSION_IDS("child_session_ids", Kind.JSON, "childSessionIds"),
    TOKEN_USAGE_INPUT("token_usage_input", Kind.BIGINT, "tokenUsage.totalInput"),
    TOKEN_USAGE_OUTPUT("token_usage_output", Kind.BIGINT, "tokenUsage.totalOutput"),
    TOKEN_USAGE_CACHE_READ("token_usage_cache_read", Kind.BIGINT, "tokenUsage.totalCacheRead"),
    TOKEN_USAGE_CACHE_CREATION("token_usage_cache_creation", Kind.BIGINT, "tokenUsage.totalCacheCreation"),
    TOKEN_USAGE_EXTRA("token_usage_extra", Kind.JSON, "tokenUsage.*"),
    HIDDEN("hidden", Kind.BOOLEAN, "hidden"),
    AGENT_TYPE("agent_type", Kind.TEXT, "agentType"),
    IS_USER_INITIATED("is_user_initiated", Kind.BOOLEAN, "isUserInitiated"),
    IS_PINNED("is_pinned", Kind.BOOLEAN, "isPinned"),
    MANUAL_PARENT_SESSION_ID("manual_parent_session_id", Kind.TEXT, "manualParentSessionId"),
    LABEL("label", Kind.TEXT, "label"),
    MODEL("model", Kind.TEXT, "model"),
    TRANSCRIPT_PATH("transcript_path", Kind.TEXT, "transcriptPath"),
    EXTRA("extra", Kind.JSON, "*"),
    /** The exact record when a string in it cannot be stored (see the table contract); no member. */
    RECORD_JSON("record_json", Kind.TEXT, null),
    /** Whether the row stands in for a session that has no record yet; no member. */
    IS_PLACEHOLDER("is_placeholder", Kind.BOOLEAN, null);

    /** What a column holds, and so which JSON values it takes and how it is bound and read. */
    public enum Kind {
        /** A JSON string, in a text column. */
        TEXT(String.class),
        /** A JSON integer within 64 bits, in a 64-bit integer column. */
        BIGINT(Long.class),
        /** A JSON boolean. */
        BOOLEAN(Boolean.class),
        /** Any JSON value, as JSON text in a JSON column. */
        JSON(String.class),
        /** A known session status, in the status enumeration (a text column where there is none). */
        STATUS(String.class);

        private final Class<?> javaType;

        Kind(Class<?> javaType) {
            this.javaType = javaType;
        }

        /** The Java type of the column's values in a {@link SessionRow}. */
        public Class<?> javaType() {
            return javaType;
        }
    }

    private static final List<SessionColumn> ALL = List.of(values());
    private static final String NAMES = ALL.stream().map(SessionColumn::columnName)
            .collect(Collectors.joining(", "));

    private final String columnName;
    private final Kind kind;
    private final String member;

    SessionColumn(String columnName, Kind kind, String member) {
        this.columnName = columnName;
        this.kind = kind;
        this.member = member;
    }

    /** The column's name in the table contract (also the name of its bound parameter, {@code :session_id}). */
    public String columnName() {
        return columnName;
    }

    /** What the column holds. */
    public Kind kind() {
        return kind;
    }

    /**
     * Where the value lives in the session's JSON object: a member name, a dotted path into a nested object, or
     * {@code *} for the members no other column takes; {@code null} for a column that is no JSON member.
     */
    public String member() {
        return member;
    }

    /** Every column, in table order. */
    public static List<SessionColumn> all() {
        return ALL;
    }

    /** The column names in table order, comma-separated (the attribute {@code <sessionColumns>}). */
    public static String names() {
        return NAMES;
    }

    /**
     * The attributes the statements use for a dialect: {@code <sessionColumns>} (every column, in table order),
     * {@code <sessionValues>} (the matching bound parameters, as {@link SqlDialect#sessionValue} writes them) and
     * {@code <sessionUpdates>} (an upsert's assignment of every column but the key, as
     * {@link SqlDialect#sessionUpdate} writes it).
     */
    public static Map<String, String> attributes(SqlDialect dialect) {
        return Map.of("sessionColumns", NAMES,
                "sessionValues", ALL.stream().map(dialect::sessionValue).collect(Collectors.joining(", ")),
                "sessionUpdates", ALL.stream().filter(c -> c != SESSION_ID).map(dialect::sessionUpdate)
                        .collect(Collectors.joining(", ")));
    }
}
