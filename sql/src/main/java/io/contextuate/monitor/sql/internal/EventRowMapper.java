package io.contextuate.monitor.sql.internal;

import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.JsonText;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps a row of the events table (the standard column names of the SQL storage contract) to an {@link EventRow}.
 * The {@code data} column is read as its UTF-8 bytes (parsed from them, never decoded to a string first); the
 * other JSON columns as text.
 */
public final class EventRowMapper implements RowMapper<EventRow> {

    @Override
    public EventRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new EventRow(
                rs.getLong("seq"),
                rs.getString("id"),
                rs.getString("session_id"),
                rs.getLong("timestamp"),
                rs.getString("parent_session_id"),
                rs.getString("machine_id"),
                rs.getString("working_directory"),
                rs.getString("event_type"),
                rs.getString("event_type_other"),
                rs.getString("hook_type"),
                rs.getString("hook_type_other"),
                JsonText.ofUtf8(rs.getBytes("data")),
                rs.getString("extra"),
                rs.getString("record_json"));
    }
}
