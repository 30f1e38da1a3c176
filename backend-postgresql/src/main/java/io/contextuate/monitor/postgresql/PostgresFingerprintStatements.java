package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.EventFingerprints;
import io.contextuate.monitor.sql.SqlDialect;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The statement behind {@link PostgresDialect#sessionFingerprint}: the server's summed fingerprints of a session's
 * events rows, as {@link SqlDialect#sessionFingerprint} defines them, each the one {@link PostgresRowFingerprint}
 * computes.
 */
interface PostgresFingerprintStatements {

    /** The text the fingerprint is of; {@code 'v' || NULL} is NULL, so a NULL becomes {@code n}. */
    String FINGERPRINTED = "concat_ws(chr(31), id, session_id, \"timestamp\", coalesce('v' || parent_session_id, 'n'),"
            + " machine_id, working_directory, coalesce('v' || event_type::text, 'n'),"
            + " coalesce('v' || event_type_other, 'n'), coalesce('v' || hook_type::text, 'n'),"
            + " coalesce('v' || hook_type_other, 'n'), data::text, coalesce('v' || extra::text, 'n'),"
            + " coalesce('v' || record_json, 'n'))";

    /** The session's rows counted and their fingerprints (the MD5's first 64 bits, signed) summed as numeric. */
    @SqlQuery("SELECT count(*) AS events, coalesce(sum(('x' || substr(md5(" + FINGERPRINTED + "), 1, 16))::bit(64)"
            + "::bigint), 0) AS sum FROM <events> WHERE session_id = :sessionId")
    EventFingerprints.SessionFingerprint sessionFingerprint(@Bind("sessionId") String sessionId);
}
