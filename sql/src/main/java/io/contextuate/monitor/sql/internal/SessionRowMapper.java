package io.contextuate.monitor.sql.internal;

import io.contextuate.monitor.sql.SessionColumn;
import io.contextuate.monitor.sql.SessionRow;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Maps a row of the sessions table to a {@link SessionRow}, reading every column of {@link SessionColumn} by its
 * name. JSON columns are read as text; SQL NULL stays {@code null} (an absent member).
 */
public final class SessionRowMapper implements RowMapper<SessionRow> {

    private static final List<SessionColumn> COLUMNS = SessionColumn.all();

    @Override
    public SessionRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        Object[] values = new Object[COLUMNS.size()];
        for (SessionColumn c : COLUMNS) {
            values[c.ordinal()] = switch (c.kind()) {
                case TEXT, JSON, STATUS -> rs.getString(c.columnName());
                case BIGINT -> nullable(rs, rs.getLong(c.columnName()));
                case BOOLEAN -> nullable(rs, rs.getBoolean(c.columnName()));
            };
        }
        return new SessionRow(values);
    }

    private static <T> T nullable(ResultSet rs, T value) throws SQLException {
        return rs.wasNull() ? null : value;
    }
}
