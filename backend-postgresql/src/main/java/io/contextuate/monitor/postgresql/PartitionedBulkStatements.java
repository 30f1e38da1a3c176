package io.contextuate.monitor.postgresql;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;


/**
 * The COPY bulk path's statements on the partitioned layout: the batch's keys go into {@code event_keys} first. On
 * the direct way they are inserted plainly (a key the table has fails the batch, as the primary key does
 * unpartitioned); on the staging way only the first row of each new key moves, in batch order.
 */
interface PartitionedBulkStatements {

    /** Inserts every key of the batch; a unique violation says the batch repeats a stored event. */
    @SqlUpdate("INSERT INTO " + PartitionedStatements.KEYS + " (session_id, id)"
            + " SELECT * FROM unnest(CAST(:sessionIds AS varchar[]), CAST(:ids AS varchar[]))")
    int insertKeys(@Bind("sessionIds") String[] sessionIds, @Bind("ids") String[] ids);

    /** Moves the staged rows whose keys are new into the events table in batch order; the number of new events. */
    @SqlUpdate("WITH firsts AS (SELECT DISTINCT ON (session_id, id) * FROM pg_temp.contextuate_event_staging"
            + " ORDER BY session_id, id, ord),"
            + " k AS (INSERT INTO " + PartitionedStatements.KEYS + " (session_id, id) SELECT session_id, id FROM firsts"
            + " ON CONFLICT DO NOTHING RETURNING session_id, id)"
            + " INSERT INTO <events> (id, session_id, \"timestamp\", parent_session_id, machine_id,"
            + " working_directory, event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json)"
            + " SELECT f.id, f.session_id, f.\"timestamp\", f.parent_session_id, f.machine_id, f.working_directory,"
            + " f.event_type, f.event_type_other, f.hook_type, f.hook_type_other, f.data, f.extra, f.record_json"
            + " FROM firsts f JOIN k ON k.session_id = f.session_id AND k.id = f.id ORDER BY f.ord")
    int moveStagedEvents();
}
