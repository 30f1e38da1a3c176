package io.contextuate.monitor.spi;

import io.contextuate.monitor.spi.log.EventLog;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionPatch;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A place where sessions and events are kept: upstream's {@code PersistenceStore}, with one meaning for every
 * backend. The conformance kit (artifact {@code contextuate-monitor-conformance}) is this contract in executable form.
 *
 * <p>Lossless: every record a store is given comes back JSON-equal, unknown members included. Event identity is the
 * pair (session id, event id): saving a pair the store already holds adds no copy and changes nothing.
 *
 * <p>Implementations are thread-safe. Streams must be closed (try-with-resources); they read in constant memory.
 */
public interface MonitorStore extends AutoCloseable {

    /**
     * Saves one event unless the store already holds its (session id, event id).
     *
     * @return {@code true} when the event was new
     * @throws InvalidRecordException when the store cannot keep the event as given
     */
    boolean saveEvent(MonitorEvent event);

    /**
     * Saves a batch, idempotently as {@link #saveEvent}; the batch may span sessions and hold duplicates. The
     * order of the list is the save order for events with equal timestamps.
     *
     * @return how many events were new
     * @throws InvalidRecordException naming the first event that cannot be kept; a store saves none of the batch
     *                                or all the events before that one, never a later one
     */
    int saveEvents(List<MonitorEvent> events);

    /**
     * Does the part of {@link #saveEvents} that needs no connection (checking and converting each event) now, and
     * returns the rest, to be {@linkplain PreparedEvents#save() saved} later: a caller that saves batch after batch
     * prepares the next while the store saves the one before. Batches saved one after another keep their order as
     * {@code saveEvents} does. The default defers everything to the save.
     *
     * @throws InvalidRecordException naming the first event that cannot be kept, as {@code saveEvents} would
     */
    default PreparedEvents prepareEvents(List<MonitorEvent> events) {
        List<MonitorEvent> batch = List.copyOf(events);
        return () -> saveEvents(batch);
    }

    /**
     * Of the session's events matching the query's exclusive bounds, the newest {@code limit}, oldest first; events
     * with equal timestamps stay in save order. An unknown session gives an empty list.
     */
    List<MonitorEvent> getEvents(String sessionId, EventQuery query);

    /** {@link #getEvents(String, EventQuery)} with upstream's default limit of 1000. */
    default List<MonitorEvent> getEvents(String sessionId) {
        return getEvents(sessionId, EventQuery.defaults());
    }

    /** The event with this id in this session, if any. */
    Optional<MonitorEvent> getEventById(String sessionId, String eventId);

    /** The newest {@code limit} events across all sessions, newest first (exact, not per session). */
    List<MonitorEvent> getAllRecentEvents(int limit);

    /** {@link #getAllRecentEvents(int)} with upstream's default limit of 200. */
    default List<MonitorEvent> getAllRecentEvents() {
        return getAllRecentEvents(200);
    }

    /** Inserts the session, or replaces the whole record held under its id. */
    void saveSession(SessionMeta session);

    /** The session with this id, if any. */
    Optional<SessionMeta> getSession(String sessionId);

    /** Sessions newest {@code startTime} first, ties by session id; see {@link SessionQuery}. */
    List<SessionMeta> getSessions(SessionQuery query);

    /**
     * Changes only the members named in the patch.
     *
     * @return the session as stored after the change
     * @throws NotFoundException      when no session has this id
     * @throws InvalidRecordException when the patched session would be invalid
     */
    SessionMeta updateSession(String sessionId, SessionPatch patch);

    /**
     * Removes the session and its events. Its children stay, with their {@code parentSessionId} cleared.
     *
     * @throws NotFoundException when no session has this id
     */
    void deleteSession(String sessionId);

    /**
     * Removes every session and every event.
     *
     * @return how many sessions were removed
     */
    int deleteAllSessions();

    /**
     * Deletes, as {@link #deleteSession}, every unpinned session whose end time (start time if never ended) is
     * before {@code cutoffMs}.
     *
     * @return how many sessions were deleted
     */
    int pruneOldSessions(long cutoffMs);

    /** Every session record, in no particular order, in constant memory. Close the stream. */
    Stream<SessionMeta> streamSessions();

    /**
     * The id of every session that holds at least one event, with or without a session record, each once, in no
     * particular order. Close the stream.
     */
    Stream<String> streamEventSessionIds();

    /** Every event of the session, oldest first (ties in save order), in constant memory. Close the stream. */
    Stream<MonitorEvent> streamEvents(String sessionId);

    /**
     * The store read as append-only logs, for following it as it grows (a live sync), when it is kept that way;
     * available also when the store was opened {@link AccessMode#READ_ONLY}. Empty by default.
     */
    default Optional<EventLog> eventLog() {
        return Optional.empty();
    }

    /**
     * Every event of the session once, for copying it elsewhere: events with equal timestamps come in save order,
     * as from {@link #streamEvents}, but events with different timestamps may come in any order, so a store can
     * hand them out as it keeps them (a file store: in file order, one pass, no index). Saving them in the order
     * given keeps every tie's order in the target. Constant memory, apart from what tells events already handed out
     * from new ones. Close the stream.
     *
     * <p>By default {@link #streamEvents}, which meets this contract.
     */
    default Stream<MonitorEvent> streamEventsInSaveOrder(String sessionId) {
        return streamEvents(sessionId);
    }

    /**
     * Fingerprints of the stored events that the store computes where it keeps them, for verifying a copy without
     * reading it back whole; empty (the default) when the store has none.
     */
    @MayChange("new, with EventFingerprints")
    default Optional<EventFingerprints> eventFingerprints() {
        return Optional.empty();
    }

    /** Counts over the whole store. */
    StoreStats stats();

    /**
     * About how many events the store holds, for a progress display: cheap to ask where {@link #stats()} is not (a
     * file store counts lines instead of reading every event), and allowed to be off by the duplicates and damaged
     * lines it did not read. By default {@code stats().events()}.
     */
    default long approximateEventCount() {
        return stats().events();
    }

    /** A short description of where the store is, for people (never contains a password). */
    String describe();

    /** Releases the store's resources (connections, file handles); idempotent. */
    @Override
    void close();
}
