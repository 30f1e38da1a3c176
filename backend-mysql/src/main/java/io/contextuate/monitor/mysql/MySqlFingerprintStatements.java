package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.EventFingerprints;
import io.contextuate.monitor.sql.SqlDialect;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The statement behind {@link MySqlDialect#sessionFingerprint}: the server's summed fingerprints of a session's events
 * rows, as {@link SqlDialect#sessionFingerprint} defines them, each the one {@link MySqlRowFingerprint} computes. Its
 * own interface, not a default of the statements every SQL backend declares, because only servers with CRC32C
 * (MariaDB 10.8 and later) can run it.
 */
interface MySqlFingerprintStatements {

    /** The bytes the checksums are of: a binary separator makes the result binary, the columns' own utf8mb4 bytes. */
    String FINGERPRINTED = "CONCAT_WS(0x1f, id, session_id, `timestamp`, IFNULL(parent_session_id, 0x00), machine_id,"
            + " working_directory, IFNULL(event_type, 0x00), IFNULL(event_type_other, 0x00), IFNULL(hook_type, 0x00),"
            + " IFNULL(hook_type_other, 0x00), data, IFNULL(extra, 0x00), IFNULL(record_json, 0x00))";

    /** The session's rows counted and their fingerprints summed (exact DECIMAL sums, reduced by the caller). */
    @SqlQuery("SELECT COUNT(*) AS events,"
            + " COALESCE(SUM(CRC32(" + FINGERPRINTED + ")) * 4294967296 + SUM(CRC32C(" + FINGERPRINTED + ")), 0) AS `sum`"
            + " FROM <events> WHERE session_id = :sessionId")
    EventFingerprints.SessionFingerprint sessionFingerprint(@Bind("sessionId") String sessionId);
}
