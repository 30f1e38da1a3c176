package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.sql.EventRow;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/**
 * The statements that differ on the partitioned layout (see {@link EventPartitions}): every event row carries its
 * session's bucket, the partition key; reads of one session name that bucket, so PostgreSQL prunes to the session's
 * one partition when the statement runs; prune drops whole partitions where that is equivalent.
 */
interface PartitionedStatements extends PostgresStatements {

    /** The bucket of the session {@code :sessionId}, as a scalar subquery. */
    String SESSION_BUCKET = "(SELECT bucket FROM <sessions> WHERE session_id = :sessionId)";

    /**
     * INSERT of one event row, with its session's bucket; 1 when inserted. A session with no row yet gives the
     * event's timestamp, which makes the foreign key fail like the unpartitioned insert's (the store then makes the
     * placeholder, whose bucket is that timestamp, and inserts again).
     */
    String INSERT_EVENT = "INSERT INTO <events> (id, session_id, bucket, \"timestamp\", parent_session_id, machine_id,"
            + " working_directory, event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json)"
            + " VALUES (:id, :sessionId, COALESCE(" + SESSION_BUCKET + ", :timestamp), :timestamp, :parentSessionId,"
            + " :machineId, :workingDirectory,"
            + " CAST(:eventType AS <schema>.<prefix>monitor_event_type), :eventTypeOther,"
            + " CAST(:hookType AS <schema>.<prefix>claude_hook_type), :hookTypeOther,"
            + " CAST(:data AS jsonb), CAST(:extra AS jsonb), :recordJson)"
            + " ON CONFLICT (session_id, id, bucket) DO NOTHING";

    @Override
    @SqlUpdate(INSERT_EVENT)
    int insertEvent(@BindMethods EventRow row);

    @Override
    @SqlBatch(INSERT_EVENT)
    int[] insertEvents(@BindMethods List<EventRow> rows);

    @Override
    @SqlQuery("SELECT <schema>.<prefix>prune_partitioned_sessions(:cutoffMs)")
    int pruneSessions(@Bind("cutoffMs") long cutoffMs);

    @Override
    @SqlQuery("SELECT " + EVENT_COLUMNS + " FROM <events> WHERE session_id = :sessionId"
            + " AND bucket = " + SESSION_BUCKET
            + " AND \"timestamp\" BETWEEN :lowest AND :highest ORDER BY \"timestamp\" DESC, seq DESC LIMIT :limit")
    List<EventRow> newestEvents(@Bind("sessionId") String sessionId, @Bind("lowest") long lowest,
                                 @Bind("highest") long highest, @Bind("limit") int limit);

    @Override
    @SqlQuery("SELECT " + EVENT_COLUMNS + " FROM <events> WHERE session_id = :sessionId AND id = :id"
            + " AND bucket = " + SESSION_BUCKET)
    Optional<EventRow> event(@Bind("sessionId") String sessionId, @Bind("id") String id);

    @Override
    @SqlQuery("SELECT " + EVENT_COLUMNS + " FROM <events> WHERE session_id = :sessionId"
            + " AND bucket = " + SESSION_BUCKET
            + " AND (\"timestamp\", seq) > (:afterTimestamp, :afterSeq) ORDER BY \"timestamp\", seq LIMIT :limit")
    List<EventRow> eventsPage(@Bind("sessionId") String sessionId, @Bind("afterTimestamp") long afterTimestamp,
                              @Bind("afterSeq") long afterSeq, @Bind("limit") int limit);

    // one probe of the session's partition rather than one per partition
    @Override
    @SqlQuery("SELECT s.session_id FROM <sessions> s WHERE s.session_id > :afterSessionId"
            + " AND EXISTS (SELECT 1 FROM <events> e WHERE e.session_id = s.session_id AND e.bucket = s.bucket)"
            + " ORDER BY s.session_id LIMIT :limit")
    List<String> eventSessionIdsPage(@Bind("afterSessionId") String afterSessionId, @Bind("limit") int limit);
}
