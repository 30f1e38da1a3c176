package io.contextuate.monitor.postgresql;

import org.jdbi.v3.sqlobject.statement.SqlUpdate;


/**
 * The COPY bulk path's statements on the partitioned layout, where every row carries its session's bucket: the
 * direct way copies the bucket looked up once per batch ({@link #COPY_INTO_EVENTS}); the staging way joins the
 * sessions when it moves the staged rows.
 */
interface PartitionedBulkStatements {

    /** The COPY straight into the events table; rows are in {@link CopyBinaryFormat} with the bucket last. */
    String COPY_INTO_EVENTS = "COPY <events> (id, session_id, \"timestamp\", parent_session_id, machine_id,"
            + " working_directory, event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json,"
            + " bucket) FROM STDIN WITH (FORMAT binary)";

    /** Moves the staged rows into the events table in batch order, skipping stored events; the number of new ones. */
    @SqlUpdate("INSERT INTO <events> (id, session_id, bucket, \"timestamp\", parent_session_id, machine_id,"
            + " working_directory, event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json)"
            + " SELECT f.id, f.session_id, s.bucket, f.\"timestamp\", f.parent_session_id, f.machine_id,"
            + " f.working_directory, f.event_type, f.event_type_other, f.hook_type, f.hook_type_other, f.data, f.extra,"
            + " f.record_json FROM pg_temp.contextuate_event_staging f JOIN <sessions> s ON s.session_id = f.session_id"
            + " ORDER BY f.ord ON CONFLICT (session_id, id, bucket) DO NOTHING")
    int moveStagedEvents();
}
