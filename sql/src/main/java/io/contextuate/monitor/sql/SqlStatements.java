package io.contextuate.monitor.sql;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/**
 * Every statement {@link SqlMonitorStore} runs. A SQL backend extends this interface and re-declares each method
 * that has no annotation here with its vendor's JDBI SqlObject annotations ({@code @SqlQuery}, {@code @SqlUpdate},
 * {@code @SqlBatch}, {@code @BindMethods}); the generic store attaches the backend's interface to a JDBI handle. Table names are the attributes {@code <sessions>} and {@code <events>}
 * ({@link SqlTables#defineOn}), and {@code <rowLock>} is the dialect's {@link SqlDialect#rowLockClause()}. Rows map to {@link EventRow} and {@link SessionRow} by the column names of the table contract (sql/README.md).
 *
 * <p>Statements in SQL that every supported server accepts carry their annotation here, once; a backend may still
 * re-declare one of them for its vendor.
 *
 * <p>Placeholder rows (see {@link SessionRow#placeholder()}) are excluded from every session read unless a
 * method says otherwise.
 */
public interface SqlStatements {

    // ---------------------------------------------------------------- writes

    /** Inserts an event unless (session_id, id) exists; 1 when inserted, 0 when it existed. */
    int insertEvent(EventRow row);

    /** Inserts events unless (session_id, id) exists, in list order; per row 1 when inserted, 0 when it existed. */
    int[] insertEvents(List<EventRow> rows);

    /** Inserts placeholder rows for sessions that have no row; rows that exist are left alone. */
    void insertPlaceholders(List<SessionRow> rows);

    /** Inserts a session row, or replaces every column of the row with that id (a placeholder becomes real). */
    void upsertSession(SessionRow row);

    /** Deletes a session that is not a placeholder (its events cascade); the number of rows deleted. */
    @SqlUpdate("DELETE FROM <sessions> WHERE session_id = :sessionId AND NOT is_placeholder")
    int deleteSession(@Bind("sessionId") String sessionId);

    /** Deletes every event. */
    @SqlUpdate("DELETE FROM <events>")
    int deleteAllEvents();

    /** Deletes every session row, placeholders included; children first is not needed (parent links SET NULL). */
    @SqlUpdate("DELETE FROM <sessions>")
    int deleteAllSessionRows();

    /** Deletes unpinned, non-placeholder sessions whose COALESCE(end_time, start_time) is before the cutoff. */
    int pruneSessions(long cutoffMs);

    // ---------------------------------------------------------------- event reads

    /**
     * The session's events with {@code lowest <= timestamp <= highest}, newest first, ties by seq desc. The bounds
     * are inclusive and always given, so the query has one form whose bounds are index conditions even in a generic
     * (prepared) plan.
     */
    List<EventRow> newestEvents(String sessionId, long lowest, long highest, int limit);

    /** One event. */
    Optional<EventRow> event(String sessionId, String id);

    /** The newest events of all sessions, newest first, ties by seq desc. */
    List<EventRow> recentEvents(int limit);

    /** A page of the session's events after (timestamp, seq) in (timestamp, seq) order. */
    List<EventRow> eventsPage(String sessionId, long afterTimestamp, long afterSeq, int limit);

    /** A page of ids of sessions (placeholders included) that hold events, after the given id, in id order. */
    // every events row has a sessions row (the foreign key), so this walks sessions, not all events
    @SqlQuery("SELECT s.session_id FROM <sessions> s WHERE s.session_id > :afterSessionId"
            + " AND EXISTS (SELECT 1 FROM <events> e WHERE e.session_id = s.session_id)"
            + " ORDER BY s.session_id LIMIT :limit")
    List<String> eventSessionIdsPage(@Bind("afterSessionId") String afterSessionId, @Bind("limit") int limit);

    /** How many events the store holds. */
    @SqlQuery("SELECT COUNT(*) FROM <events>")
    long countEvents();

    // ---------------------------------------------------------------- session reads

    /** A session that is not a placeholder. */
    @SqlQuery("SELECT <sessionColumns> FROM <sessions> WHERE session_id = :sessionId AND NOT is_placeholder")
    Optional<SessionRow> session(@Bind("sessionId") String sessionId);

    /**
     * A session that is not a placeholder, locked for update until the transaction ends where the database locks
     * rows ({@code <rowLock>} is {@link SqlDialect#rowLockClause()}).
     */
    @SqlQuery("SELECT <sessionColumns> FROM <sessions> WHERE session_id = :sessionId AND NOT is_placeholder"
            + " <rowLock>")
    Optional<SessionRow> sessionForUpdate(@Bind("sessionId") String sessionId);

    /** Whether a row (real or placeholder) with this id exists. */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM <sessions> WHERE session_id = :sessionId)")
    boolean sessionRowExists(@Bind("sessionId") String sessionId);

    /** Sessions, newest start_time first, ties by session_id, at most {@code limit}. */
    @SqlQuery("SELECT <sessionColumns> FROM <sessions> WHERE NOT is_placeholder"
            + " ORDER BY start_time DESC, session_id LIMIT :limit")
    List<SessionRow> sessions(@Bind("limit") int limit);

    /**
     * Sessions with a status, newest start_time first, ties by session_id; exactly one of {@code status} (a known
     * status) and {@code statusOther} (any other) is non-null.
     */
    List<SessionRow> sessionsWithStatus(String status, String statusOther, int limit);

    /** A page of sessions after the given id, in id order. */
    @SqlQuery("SELECT <sessionColumns> FROM <sessions> WHERE session_id > :afterSessionId"
            + " AND NOT is_placeholder ORDER BY session_id LIMIT :limit")
    List<SessionRow> sessionsPage(@Bind("afterSessionId") String afterSessionId, @Bind("limit") int limit);

    /** How many sessions (not placeholders) the store holds. */
    @SqlQuery("SELECT COUNT(*) FROM <sessions> WHERE NOT is_placeholder")
    long countSessions();
}
