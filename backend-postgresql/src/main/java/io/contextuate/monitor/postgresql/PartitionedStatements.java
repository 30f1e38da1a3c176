package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.sql.EventRow;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;

/**
 * The statements that differ on the partitioned layout (see {@link EventPartitions}): an event's identity is its row
 * in {@code event_keys}, so an insert inserts the key first and the event only when the key was new; prune drops
 * whole partitions where that is equivalent.
 */
interface PartitionedStatements extends PostgresStatements {

    /** The event keys table, qualified. */
    String KEYS = "<schema>.<prefix>event_keys";

    /** INSERT of one event row when its (session_id, id) is new to event_keys; 1 when inserted. */
    String INSERT_EVENT = "WITH k AS (INSERT INTO " + KEYS + " (session_id, id) VALUES (:sessionId, :id)"
            + " ON CONFLICT DO NOTHING RETURNING 1)"
            + " INSERT INTO <events> (id, session_id, \"timestamp\", parent_session_id, machine_id,"
            + " working_directory, event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json)"
            + " SELECT :id, :sessionId, :timestamp, :parentSessionId, :machineId, :workingDirectory,"
            + " CAST(:eventType AS <schema>.<prefix>monitor_event_type), :eventTypeOther,"
            + " CAST(:hookType AS <schema>.<prefix>claude_hook_type), :hookTypeOther,"
            + " CAST(:data AS jsonb), CAST(:extra AS jsonb), :recordJson FROM k";

    @Override
    @SqlUpdate(INSERT_EVENT)
    int insertEvent(@BindMethods EventRow row);

    @Override
    @SqlBatch(INSERT_EVENT)
    int[] insertEvents(@BindMethods List<EventRow> rows);

    @Override
    @SqlQuery("SELECT <schema>.<prefix>prune_partitioned_sessions(:cutoffMs)")
    int pruneSessions(@Bind("cutoffMs") long cutoffMs);

    // one probe of event_keys rather than one per partition
    @Override
    @SqlQuery("SELECT s.session_id FROM <sessions> s WHERE s.session_id > :afterSessionId"
            + " AND EXISTS (SELECT 1 FROM " + KEYS + " k WHERE k.session_id = s.session_id)"
            + " ORDER BY s.session_id LIMIT :limit")
    List<String> eventSessionIdsPage(@Bind("afterSessionId") String afterSessionId, @Bind("limit") int limit);
}
