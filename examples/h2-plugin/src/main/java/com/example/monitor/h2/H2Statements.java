package com.example.monitor.h2;

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
 * The statements of the generic SQL store that have no portable form, in H2 (PostgreSQL mode, for
 * {@code ON CONFLICT DO NOTHING}). {@code <sessions>} and {@code <events>} are the tables.
 */
public interface H2Statements extends SqlStatements {

    /** The columns every event read selects. */
    String EVENT_COLUMNS = "seq, id, session_id, \"timestamp\", parent_session_id, machine_id, working_directory,"
            + " event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json";

    /** One event, unless (session_id, id) exists. */
    String INSERT_EVENT = "INSERT INTO <events> (id, session_id, \"timestamp\", parent_session_id, machine_id,"
            + " working_directory, event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json)"
            + " VALUES (:id, :sessionId, :timestamp, :parentSessionId, :machineId, :workingDirectory, :eventType,"
            + " :eventTypeOther, :hookType, :hookTypeOther, :data, :extra, :recordJson) ON CONFLICT DO NOTHING";

    @Override
    @SqlUpdate(INSERT_EVENT)
    int insertEvent(@BindMethods EventRow row);

    @Override
    @SqlBatch(INSERT_EVENT)
    int[] insertEvents(@BindMethods List<EventRow> rows);

    @Override
    @SqlBatch("INSERT INTO <sessions> (session_id, machine_id, working_directory, start_time, status, is_placeholder)"
            + " VALUES (:session_id, :machine_id, :working_directory, :start_time, :status, TRUE)"
            + " ON CONFLICT DO NOTHING")
    void insertPlaceholders(@BindSessionRow List<SessionRow> rows);

    @Override
    @SqlUpdate("MERGE INTO <sessions> (<sessionColumns>) KEY (session_id) VALUES (<sessionValues>)")
    void upsertSession(@BindSessionRow SessionRow row);

    @Override
    @SqlUpdate("DELETE FROM <sessions> WHERE NOT is_placeholder AND NOT COALESCE(is_pinned, FALSE)"
            + " AND COALESCE(end_time, start_time) < :cutoffMs")
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
            + " AND (\"timestamp\" > :afterTimestamp OR (\"timestamp\" = :afterTimestamp AND seq > :afterSeq))"
            + " ORDER BY \"timestamp\", seq LIMIT :limit")
    List<EventRow> eventsPage(@Bind("sessionId") String sessionId, @Bind("afterTimestamp") long afterTimestamp,
                              @Bind("afterSeq") long afterSeq, @Bind("limit") int limit);

    // a NULL bind makes its comparison NULL, so exactly one arm can match
    @Override
    @SqlQuery("SELECT <sessionColumns> FROM <sessions> WHERE NOT is_placeholder"
            + " AND (status = :status OR status_other = :statusOther)"
            + " ORDER BY start_time DESC, session_id LIMIT :limit")
    List<SessionRow> sessionsWithStatus(@Bind("status") String status, @Bind("statusOther") String statusOther,
                                        @Bind("limit") int limit);
}
