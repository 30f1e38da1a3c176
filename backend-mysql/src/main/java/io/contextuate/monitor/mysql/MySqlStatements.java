package io.contextuate.monitor.mysql;

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
 * The statements of the generic SQL store in MySQL/MariaDB SQL (both servers accept every one). An insert that must
 * not duplicate uses {@code ON DUPLICATE KEY UPDATE id = id}, never {@code INSERT IGNORE} (which would also hide
 * a refused value); with Connector/J's {@code useAffectedRows} it counts 1 for a new row and 0 for an existing one.
 * {@code <sessions>} and {@code <events>} are the table attributes of {@link io.contextuate.monitor.sql.SqlTables}.
 */
public interface MySqlStatements extends SqlStatements {

    /** The columns every event read selects, in the table contract's names (mapped to an {@link io.contextuate.monitor.sql.EventRow}). */
    String EVENT_COLUMNS = "seq, id, session_id, `timestamp`, parent_session_id, machine_id, working_directory,"
            + " event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json";

    /** The columns an event insert writes, in the order of {@link #EVENT_VALUES}. */
    String EVENT_INSERT_COLUMNS = "id, session_id, `timestamp`, parent_session_id, machine_id, working_directory,"
            + " event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json";

    /** The values of one event insert. */
    String EVENT_VALUES = "(:id, :sessionId, :timestamp, :parentSessionId, :machineId, :workingDirectory,"
            + " :eventType, :eventTypeOther, :hookType, :hookTypeOther, :data, :extra, :recordJson)";

    /** What an existing (session_id, id) does: nothing (and counts 0 affected rows). */
    String KEEP_EXISTING_EVENT = " ON DUPLICATE KEY UPDATE id = id";

    /** The insert of one event, skipping one whose (session_id, id) exists. */
    String INSERT_EVENT = "INSERT INTO <events> (" + EVENT_INSERT_COLUMNS + ") VALUES " + EVENT_VALUES
            + KEEP_EXISTING_EVENT;

    @Override
    @SqlUpdate(INSERT_EVENT)
    int insertEvent(@BindMethods EventRow row);

    @Override
    @SqlBatch(INSERT_EVENT)
    int[] insertEvents(@BindMethods List<EventRow> rows);

    @Override
    @SqlBatch("INSERT INTO <sessions> (session_id, machine_id, working_directory, start_time, status, is_placeholder)"
            + " VALUES (:session_id, :machine_id, :working_directory, :start_time, :status, TRUE)"
            + " ON DUPLICATE KEY UPDATE session_id = session_id")
    void insertPlaceholders(@BindSessionRow List<SessionRow> rows);

    // <sessionUpdates> says column = VALUES(column) (MySqlDialect#sessionUpdate): VALUES(column) is deprecated in
    // MySQL 8.0.20+ in favour of a row alias, which MariaDB does not accept
    @Override
    @SqlUpdate("INSERT INTO <sessions> (<sessionColumns>) VALUES (<sessionValues>)"
            + " ON DUPLICATE KEY UPDATE <sessionUpdates>")
    void upsertSession(@BindSessionRow SessionRow row);

    @Override
    @SqlUpdate("DELETE FROM <sessions> WHERE NOT is_placeholder AND NOT COALESCE(is_pinned, FALSE)"
            + " AND COALESCE(end_time, start_time) < :cutoffMs")
    int pruneSessions(@Bind("cutoffMs") long cutoffMs);

    @Override
    @SqlQuery("SELECT " + EVENT_COLUMNS + " FROM <events> WHERE session_id = :sessionId"
            + " AND `timestamp` BETWEEN :lowest AND :highest ORDER BY `timestamp` DESC, seq DESC LIMIT :limit")
    List<EventRow> newestEvents(@Bind("sessionId") String sessionId, @Bind("lowest") long lowest,
                                 @Bind("highest") long highest, @Bind("limit") int limit);

    @Override
    @SqlQuery("SELECT " + EVENT_COLUMNS + " FROM <events> WHERE session_id = :sessionId AND id = :id")
    Optional<EventRow> event(@Bind("sessionId") String sessionId, @Bind("id") String id);

    @Override
    @SqlQuery("SELECT " + EVENT_COLUMNS + " FROM <events> ORDER BY `timestamp` DESC, seq DESC LIMIT :limit")
    List<EventRow> recentEvents(@Bind("limit") int limit);

    // written as OR rather than a row comparison, which older optimizers do not turn into an index range
    @Override
    @SqlQuery("SELECT " + EVENT_COLUMNS + " FROM <events> WHERE session_id = :sessionId"
            + " AND (`timestamp` > :afterTimestamp OR (`timestamp` = :afterTimestamp AND seq > :afterSeq))"
            + " ORDER BY `timestamp`, seq LIMIT :limit")
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
