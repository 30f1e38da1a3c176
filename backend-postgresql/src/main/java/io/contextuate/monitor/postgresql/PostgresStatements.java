package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.sql.BindSessionRow;
import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.SessionRow;
import io.contextuate.monitor.sql.SqlStatements;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/**
 * The statements of the generic SQL store in PostgreSQL. Known types are cast to the schema's ENUM types, JSON text
 * to {@code jsonb}; {@code <sessions>}, {@code <events>}, {@code <schema>} and {@code <prefix>} are the table
 * attributes of {@link io.contextuate.monitor.sql.SqlTables}.
 */
public interface PostgresStatements extends SqlStatements {

    /** The columns every event read selects, in the table contract's names (mapped to an {@link io.contextuate.monitor.sql.EventRow}). */
    String EVENT_COLUMNS = "seq, id, session_id, \"timestamp\", parent_session_id, machine_id, working_directory,"
            + " event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json";

    /** INSERT of one event row, skipping one whose (session_id, id) exists. */
    String INSERT_EVENT = "INSERT INTO <events> (id, session_id, \"timestamp\", parent_session_id, machine_id,"
            + " working_directory, event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json)"
            + " VALUES (:id, :sessionId, :timestamp, :parentSessionId, :machineId, :workingDirectory,"
            + " CAST(:eventType AS <schema>.<prefix>monitor_event_type), :eventTypeOther,"
            + " CAST(:hookType AS <schema>.<prefix>claude_hook_type), :hookTypeOther,"
            + " CAST(:data AS jsonb), CAST(:extra AS jsonb), :recordJson)"
            + " ON CONFLICT (session_id, id) DO NOTHING";

    @Override
    @SqlUpdate(INSERT_EVENT)
    int insertEvent(@BindMethods EventRow row);

    @Override
    @SqlBatch(INSERT_EVENT)
    int[] insertEvents(@BindMethods List<EventRow> rows);

    @Override
    @SqlBatch("INSERT INTO <sessions> (session_id, machine_id, working_directory, start_time, status, is_placeholder)"
            + " VALUES (:session_id, :machine_id, :working_directory, :start_time,"
            + " CAST(:status AS <schema>.<prefix>session_status), true)"
            + " ON CONFLICT (session_id) DO NOTHING")
    void insertPlaceholders(@BindSessionRow List<SessionRow> rows);

    // <sessionValues> casts JSON and the status (PostgresDialect#sessionValue)
    @Override
    @SqlUpdate("INSERT INTO <sessions> (<sessionColumns>) VALUES (<sessionValues>)"
            + " ON CONFLICT (session_id) DO UPDATE SET <sessionUpdates>")
    void upsertSession(@BindSessionRow SessionRow row);

    /** The schema's own {@code prune_old_sessions}, so the command and the function mean the same. */
    @Override
    @SqlQuery("SELECT <schema>.<prefix>prune_old_sessions(:cutoffMs)")
    int pruneSessions(@Bind("cutoffMs") long cutoffMs);

    @Override
    @SqlQuery("SELECT " + EVENT_COLUMNS + " FROM <events> WHERE session_id = :sessionId"
            + " AND \"timestamp\" BETWEEN :lowest AND :highest ORDER BY \"timestamp\" DESC, seq DESC LIMIT :limit")
    List<EventRow> newestEvents(@Bind("sessionId") String sessionId, @Bind("lowest") long lowest,
                                 @Bind("highest") long highest, @Bind("limit") int limit);

    @Override
    @SqlQuery("SELECT " + EVENT_COLUMNS + " FROM <events> WHERE session_id = :sessionId AND id = :id")
    Optional<EventRow> event(@Bind("sessionId") String sessionId, @Bind("id") String id);

    @Override
    @SqlQuery("SELECT " + EVENT_COLUMNS + " FROM <events> ORDER BY \"timestamp\" DESC, seq DESC LIMIT :limit")
    List<EventRow> recentEvents(@Bind("limit") int limit);

    @Override
    @SqlQuery("SELECT " + EVENT_COLUMNS + " FROM <events> WHERE session_id = :sessionId"
            + " AND (\"timestamp\", seq) > (:afterTimestamp, :afterSeq) ORDER BY \"timestamp\", seq LIMIT :limit")
    List<EventRow> eventsPage(@Bind("sessionId") String sessionId, @Bind("afterTimestamp") long afterTimestamp,
                              @Bind("afterSeq") long afterSeq, @Bind("limit") int limit);

    // a NULL bind makes its comparison NULL, so exactly one arm can match
    @Override
    @SqlQuery("SELECT <sessionColumns> FROM <sessions> WHERE NOT is_placeholder"
            + " AND (status = CAST(:status AS <schema>.<prefix>session_status) OR status_other = :statusOther)"
            + " ORDER BY start_time DESC, session_id LIMIT :limit")
    List<SessionRow> sessionsWithStatus(@Bind("status") String status, @Bind("statusOther") String statusOther,
                                        @Bind("limit") int limit);

}
