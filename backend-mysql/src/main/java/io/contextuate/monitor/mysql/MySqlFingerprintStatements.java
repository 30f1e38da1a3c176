package io.contextuate.monitor.mysql;

import io.contextuate.monitor.sql.SqlDialect;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;

/**
 * The statement behind {@link MySqlDialect#eventFingerprintsPage}: the server's fingerprint of each events row, as
 * {@link SqlDialect#eventFingerprintsPage} defines it. Its own interface, not a default of the statements every SQL
 * backend declares, because only servers with CRC32C (MariaDB 10.8 and later) can run it.
 */
public interface MySqlFingerprintStatements {

    /** The bytes the checksums are of: a binary separator makes the result binary, the columns' own utf8mb4 bytes. */
    String FINGERPRINTED = "CONCAT_WS(0x1f, id, session_id, `timestamp`, IFNULL(parent_session_id, 0x00), machine_id,"
            + " working_directory, IFNULL(event_type, 0x00), IFNULL(event_type_other, 0x00), IFNULL(hook_type, 0x00),"
            + " IFNULL(hook_type_other, 0x00), data, IFNULL(extra, 0x00), IFNULL(record_json, 0x00))";

    /** A page of the session's rows after (timestamp, seq), each reduced to its key and fingerprint. */
    // written as OR rather than a row comparison, which older optimizers do not turn into an index range
    @SqlQuery("SELECT seq, id, `timestamp`, CONCAT(LPAD(HEX(CRC32(" + FINGERPRINTED + ")), 8, '0'),"
            + " LPAD(HEX(CRC32C(" + FINGERPRINTED + ")), 8, '0')) AS fingerprint"
            + " FROM <events> WHERE session_id = :sessionId"
            + " AND (`timestamp` > :afterTimestamp OR (`timestamp` = :afterTimestamp AND seq > :afterSeq))"
            + " ORDER BY `timestamp`, seq LIMIT :limit")
    List<SqlDialect.StoredFingerprint> eventFingerprintsPage(@Bind("sessionId") String sessionId,
                                                             @Bind("afterTimestamp") long afterTimestamp,
                                                             @Bind("afterSeq") long afterSeq,
                                                             @Bind("limit") int limit);
}
