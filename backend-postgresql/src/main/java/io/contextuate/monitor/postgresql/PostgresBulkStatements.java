package io.contextuate.monitor.postgresql;

import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The statements of the COPY bulk path (see {@link CopyEventWriter}): a COPY straight into the events table, or one
 * into a per-connection temporary staging table (no indexes, no WAL) followed by one {@code INSERT ... SELECT} that
 * skips existing (session_id, id) pairs, in staging order. Either way {@code seq} follows the order of the batch.
 */
interface PostgresBulkStatements {

    /** The COPY straight into the events table; rows are in {@link CopyBinaryFormat}, without an ordinal. */
    String COPY_INTO_EVENTS = "COPY <events> (id, session_id, \"timestamp\", parent_session_id, machine_id,"
            + " working_directory, event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json)"
            + " FROM STDIN WITH (FORMAT binary)";

    /** The COPY that fills the staging table; rows are in {@link CopyBinaryFormat}. */
    String COPY_INTO_STAGING = "COPY pg_temp.contextuate_event_staging (ord, id, session_id, \"timestamp\","
            + " parent_session_id, machine_id, working_directory, event_type, event_type_other, hook_type,"
            + " hook_type_other, data, extra, record_json) FROM STDIN WITH (FORMAT binary)";

    /** Whether this user may create temporary tables in the database (PUBLIC may, unless revoked). */
    @SqlQuery("SELECT has_database_privilege(current_database(), 'TEMPORARY')")
    boolean mayCreateTemporaryTables();

    /** Creates the staging table once per connection; it empties itself at every commit. */
    @SqlUpdate("CREATE TEMPORARY TABLE IF NOT EXISTS contextuate_event_staging ("
            + " ord integer NOT NULL, id varchar(255) NOT NULL, session_id varchar(255) NOT NULL,"
            + " \"timestamp\" bigint NOT NULL, parent_session_id varchar(255), machine_id varchar(255) NOT NULL,"
            + " working_directory text NOT NULL, event_type <schema>.<prefix>monitor_event_type,"
            + " event_type_other varchar(255), hook_type <schema>.<prefix>claude_hook_type,"
            + " hook_type_other varchar(255), data jsonb NOT NULL, extra jsonb, record_json text)"
            + " ON COMMIT DELETE ROWS")
    void createStaging();

    /** Moves the staged rows into the events table in batch order; the number of new events. */
    @SqlUpdate("INSERT INTO <events> (id, session_id, \"timestamp\", parent_session_id, machine_id,"
            + " working_directory, event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json)"
            + " SELECT id, session_id, \"timestamp\", parent_session_id, machine_id, working_directory, event_type,"
            + " event_type_other, hook_type, hook_type_other, data, extra, record_json"
            + " FROM pg_temp.contextuate_event_staging ORDER BY ord"
            + " ON CONFLICT (session_id, id) DO NOTHING")
    int moveStagedEvents();

    /** Empties the staging table (it is empty already unless an earlier use on this connection failed midway). */
    @SqlUpdate("DELETE FROM pg_temp.contextuate_event_staging")
    void clearStaging();
}
