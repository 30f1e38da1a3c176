package io.contextuate.monitor.spi.sql;

import java.util.List;
import java.util.Optional;

/**
 * Every statement {@link SqlMonitorStore} runs, as plain Java. A SQL backend extends this interface and re-declares
 * each method with its vendor's JDBI SqlObject annotations ({@code @SqlQuery}, {@code @SqlUpdate},
 * {@code @SqlBatch}, {@code @BindMethods}, {@code @RegisterRowMapper}); the generic store attaches the backend's
 * interface to a JDBI handle. Table names are the attributes {@code <sessions>} and {@code <events>}
 * ({@link SqlTables#defineOn}). Rows map with {@link EventRowMapper} and {@link SessionRowMapper}.
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
    int deleteSession(String sessionId);

    /** Deletes every event. */
    int deleteAllEvents();

    /** Deletes every session row, placeholders included; children first is not needed (parent links SET NULL). */
    int deleteAllSessionRows();

    /** Deletes unpinned, non-placeholder sessions whose COALESCE(end_time, start_time) is before the cutoff. */
    int pruneSessions(long cutoffMs);

    // ---------------------------------------------------------------- event reads

    /** The session's events with after &lt; timestamp &lt; before (null = unbounded), newest first, ties by seq desc. */
    List<EventRow> newestEvents(String sessionId, Long before, Long after, int limit);

    /** One event. */
    Optional<EventRow> event(String sessionId, String id);

    /** The newest events of all sessions, newest first, ties by seq desc. */
    List<EventRow> recentEvents(int limit);

    /** A page of the session's events after (timestamp, seq) in (timestamp, seq) order. */
    List<EventRow> eventsPage(String sessionId, long afterTimestamp, long afterSeq, int limit);

    /** A page of ids of sessions (placeholders included) that hold events, after the given id, in id order. */
    List<String> eventSessionIdsPage(String afterSessionId, int limit);

    /** How many events the store holds. */
    long countEvents();

    // ---------------------------------------------------------------- session reads

    /** A session that is not a placeholder. */
    Optional<SessionRow> session(String sessionId);

    /** A session that is not a placeholder, locked for update until the transaction ends. */
    Optional<SessionRow> sessionForUpdate(String sessionId);

    /** Whether a row (real or placeholder) with this id exists. */
    boolean sessionRowExists(String sessionId);

    /** Sessions, newest start_time first, ties by session_id, at most {@code limit}. */
    List<SessionRow> sessions(int limit);

    /**
     * Sessions with a status, newest start_time first, ties by session_id; exactly one of {@code status} (a known
     * status) and {@code statusOther} (any other) is non-null.
     */
    List<SessionRow> sessionsWithStatus(String status, String statusOther, int limit);

    /** A page of sessions after the given id, in id order. */
    List<SessionRow> sessionsPage(String afterSessionId, int limit);

    /** How many sessions (not placeholders) the store holds. */
    long countSessions();
}
