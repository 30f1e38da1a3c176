package io.contextuate.monitor.sql.internal;

import io.contextuate.monitor.sql.SessionRow;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps a row of the sessions table (the standard column names of the SQL storage contract) to a
 * {@link SessionRow}. JSON columns are read as text; SQL NULL stays {@code null} (an absent member).
 */
public final class SessionRowMapper implements RowMapper<SessionRow> {

    @Override
    public SessionRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new SessionRow(
                rs.getString("session_id"),
                rs.getString("machine_id"),
                rs.getString("working_directory"),
                rs.getLong("start_time"),
                nullableLong(rs, "end_time"),
                rs.getString("status"),
                rs.getString("status_other"),
                rs.getString("parent_session_id"),
                rs.getString("child_session_ids"),
                nullableLong(rs, "token_usage_input"),
                nullableLong(rs, "token_usage_output"),
                nullableLong(rs, "token_usage_cache_read"),
                nullableLong(rs, "token_usage_cache_creation"),
                rs.getString("token_usage_extra"),
                nullableBoolean(rs, "hidden"),
                rs.getString("agent_type"),
                nullableBoolean(rs, "is_user_initiated"),
                nullableBoolean(rs, "is_pinned"),
                rs.getString("manual_parent_session_id"),
                rs.getString("label"),
                rs.getString("model"),
                rs.getString("transcript_path"),
                rs.getString("extra"),
                rs.getString("record_json"),
                rs.getBoolean("is_placeholder"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Boolean nullableBoolean(ResultSet rs, String column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }
}
