package io.contextuate.monitor.sql;

import io.contextuate.monitor.sql.internal.SqlText;
import io.contextuate.monitor.sql.internal.EventRowMapper;
import io.contextuate.monitor.sql.internal.JsonTextArgument;
import io.contextuate.monitor.sql.internal.KeysetPages;
import io.contextuate.monitor.sql.internal.RowMapping;
import io.contextuate.monitor.sql.internal.SessionRowMapper;
import io.contextuate.monitor.spi.EventFingerprints;
import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.NotFoundException;
import io.contextuate.monitor.spi.PreparedEvents;
import io.contextuate.monitor.spi.ReadProblem;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.RetryPolicy;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.StoreException;
import io.contextuate.monitor.spi.StoreStats;
import io.contextuate.monitor.spi.StoreUnavailableException;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionPatch;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The {@link MonitorStore} of every SQL backend: the contract's semantics written once over JDBI, with the vendor's
 * statements, errors and bulk path supplied by a {@link SqlDialect}. The tables it expects (names, columns, keys,
 * what a NULL means) are the SQL table contract, {@code sql/README.md} in the source tree; in short:
 * <ul>
 *   <li>an event whose session has no row gets a placeholder session row (invisible to session reads) so the
 *       foreign key holds; a child whose parent is missing gets a placeholder parent, and keeps its parent id;</li>
 *   <li>ties by timestamp are ordered by the events' {@code seq} (save order);</li>
 *   <li>streams page by key, in constant memory; rows that no longer map to a record are reported to the
 *       {@link ReadProblemListener} and skipped;</li>
 *   <li>each operation is tried once: a lost or unreachable server is reported as {@link StoreUnavailableException}
 *       at once, and the operation's owner decides whether to wait (see {@link RetryPolicy}); only a transaction
 *       rolled back by a conflict between writers is run again by the store itself.</li>
 * </ul>
 */
public class SqlMonitorStore implements MonitorStore {

    private static final Logger LOG = LoggerFactory.getLogger(SqlMonitorStore.class);
    private static final int EVENT_PAGE = 256;
    private static final int SESSION_PAGE = 1000;
    /** Transactions rolled back by a conflict between writers are run again, briefly; never an outage. */
    private static final RetryPolicy CONFLICTS = RetryPolicy.within(Duration.ofSeconds(10))
            .withDelays(Duration.ofMillis(20), Duration.ofSeconds(1)).quietly();

    private final Jdbi jdbi;
    private final SqlDialect dialect;
    private final Class<? extends SqlStatements> statements;
    private final String description;
    private final AutoCloseable resources;
    private final ReadProblemListener problems;
    private final DataSource dataSource;
    /** The single insert as plain JDBC, or {@code null} when the dialect runs it its own way. */
    private final PlainEventInsert plainInsert;

    /**
     * A store over a data source whose schema is in place.
     *
     * @param dataSource  the pooled data source
     * @param dialect     the vendor's statements, errors and bulk path
     * @param tables      where the tables are
     * @param description where the store is, for people (no password)
     * @param resources   closed with the store (the pool), or {@code null}
     * @param problems    where unreadable rows are reported
     */
    public SqlMonitorStore(DataSource dataSource, SqlDialect dialect, SqlTables tables, String description,
                           AutoCloseable resources, ReadProblemListener problems) {
        this.jdbi = tables.defineOn(Jdbi.create(dataSource))
                .define("rowLock", dialect.rowLockClause());
        SessionColumn.attributes(dialect).forEach(jdbi::define);
        jdbi.installPlugin(new SqlObjectPlugin())
                .registerArgument(JsonTextArgument.FACTORY)
                .registerRowMapper(EventRow.class, new EventRowMapper())
                .registerRowMapper(SessionRow.class, new SessionRowMapper())
                // BigDecimal.longValue keeps the low 64 bits: the sum modulo 2^64, however the server summed
                .registerRowMapper(EventFingerprints.SessionFingerprint.class, (rs, ctx) ->
                        new EventFingerprints.SessionFingerprint(rs.getLong("events"),
                                rs.getBigDecimal("sum").longValue()));
        this.dialect = dialect;
        this.statements = dialect.statements();
        this.description = description;
        this.resources = resources;
        this.problems = problems == null ? ReadProblemListener.NONE : problems;
        this.dataSource = dataSource;
        this.plainInsert = overridesInsertEvent(dialect) ? null
                : PlainEventInsert.of(statements, tables.attributes());
    }

    private static boolean overridesInsertEvent(SqlDialect dialect) {
        try {
            return dialect.getClass().getMethod("insertEvent", Handle.class, EventRow.class).getDeclaringClass()
                    != SqlDialect.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    // ---------------------------------------------------------------- events

    @Override
    public boolean saveEvent(MonitorEvent event) {
        EventRow row = RowMapping.toRow(event);
        if (plainInsert != null) {
            return once("saving event " + event.id(), () -> insertPlain(row, event.id()));
        }
        return once("saving event " + event.id(), () -> jdbi.withHandle(h -> {
            dialect.beforeWrite(h, List.of(row));
            try {
                return dialect.insertEvent(h, row) > 0;
            } catch (StatementException e) {
                if (!dialect.isForeignKeyViolation(sqlCause(e))) {
                    throw refusedOr(e, event.id());
                }
            }
            h.attach(statements).insertPlaceholders(List.of(RowMapping.placeholderFor(row)));
            try {
                return dialect.insertEvent(h, row) > 0;
            } catch (StatementException e) {
                throw refusedOr(e, event.id());
            }
        }));
    }

    /**
     * The single insert on a pooled connection; a missing session row is made first when the insert says so. The
     * connection goes back to the pool before the placeholder is made, so concurrent writers never hold one
     * connection while waiting for a second.
     */
    private boolean insertPlain(EventRow row, String eventId) {
        try {
            try (Connection c = dataSource.getConnection()) {
                return plainInsert.insert(c, row) > 0;
            } catch (SQLException e) {
                if (!dialect.isForeignKeyViolation(e)) {
                    throw e;
                }
            }
            jdbi.useHandle(h -> h.attach(statements).insertPlaceholders(List.of(RowMapping.placeholderFor(row))));
            try (Connection c = dataSource.getConnection()) {
                return plainInsert.insert(c, row) > 0;
            }
        } catch (SQLException e) {
            throw refusedOr(new UnableToExecuteStatementException("inserting event " + eventId, e, null), eventId);
        }
    }

    @Override
    public int saveEvents(List<MonitorEvent> events) {
        return saveRows(toRows(events), events);
    }

    /** Maps the rows now; the save needs only them and the events' own objects (for a refused row's name). */
    @Override
    public PreparedEvents prepareEvents(List<MonitorEvent> events) {
        List<EventRow> rows = toRows(events);
        List<MonitorEvent> batch = List.copyOf(events);
        return () -> saveRows(rows, batch);
    }

    private static List<EventRow> toRows(List<MonitorEvent> events) {
        List<EventRow> rows = new ArrayList<>(events.size());
        for (MonitorEvent e : events) {
            rows.add(RowMapping.toRow(e));
        }
        return rows;
    }

    private int saveRows(List<EventRow> rows, List<MonitorEvent> events) {
        int added = 0;
        int from = 0;
        while (from < rows.size()) {
            int to = chunkEnd(rows, from);
            added += saveChunk(rows.subList(from, to), events.subList(from, to));
            from = to;
        }
        return added;
    }

    private int chunkEnd(List<EventRow> rows, int from) {
        long bytes = 0;
        int to = from;
        while (to < rows.size() && to - from < dialect.maxBatchRows()) {
            bytes += rows.get(to).estimatedBytes();
            if (bytes > dialect.maxBatchBytes() && to > from) {
                break;
            }
            to++;
        }
        return to;
    }

    private int saveChunk(List<EventRow> rows, List<MonitorEvent> events) {
        try {
            return once("saving " + rows.size() + " events", () -> jdbi.withHandle(handle -> {
                dialect.beforeWrite(handle, rows);
                return handle.inTransaction(h -> {
                    h.attach(statements).insertPlaceholders(placeholders(rows));
                    try {
                        return dialect.insertEvents(h, rows);
                    } catch (StatementException e) {
                        SQLException sql = sqlCause(e);
                        throw sql != null && dialect.isDataError(sql) ? new BatchRefused(e) : e;
                    }
                });
            }));
        } catch (BatchRefused e) {
            // the database refused a row the mapping let through: save the ones before it, then name it
            int added = 0;
            for (MonitorEvent event : events) {
                added += saveEvent(event) ? 1 : 0;
            }
            return added;
        }
    }

    private static List<SessionRow> placeholders(List<EventRow> rows) {
        Map<String, SessionRow> bySession = new HashMap<>();
        for (EventRow r : rows) {
            bySession.computeIfAbsent(r.sessionId(), id -> RowMapping.placeholderFor(r));
        }
        List<SessionRow> sorted = new ArrayList<>(bySession.values());
        sorted.sort(Comparator.comparing(SessionRow::sessionId)); // a stable lock order between writers
        return sorted;
    }

    @Override
    public List<MonitorEvent> getEvents(String sessionId, EventQuery query) {
        if (!keepable(sessionId)) {
            return List.of();
        }
        Long before = query.before();
        Long after = query.after();
        if ((before != null && before == Long.MIN_VALUE) || (after != null && after == Long.MAX_VALUE)) {
            return List.of(); // nothing lies strictly beyond the extremes
        }
        long highest = before == null ? Long.MAX_VALUE : before - 1;
        long lowest = after == null ? Long.MIN_VALUE : after + 1;
        List<EventRow> rows = once("reading events of " + sessionId, () -> jdbi.withExtension(statements,
                s -> s.newestEvents(sessionId, lowest, highest, query.limit())));
        List<MonitorEvent> out = new ArrayList<>(rows.size());
        for (EventRow r : rows) {
            out.add(RowMapping.toEvent(r));
        }
        Collections.reverse(out);
        return out;
    }

    @Override
    public Optional<MonitorEvent> getEventById(String sessionId, String eventId) {
        if (!keepable(sessionId) || !keepable(eventId)) {
            return Optional.empty();
        }
        return once("reading event " + eventId, () -> jdbi.withExtension(statements,
                s -> s.event(sessionId, eventId))).map(RowMapping::toEvent);
    }

    @Override
    public List<MonitorEvent> getAllRecentEvents(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return once("reading recent events", () -> jdbi.withExtension(statements, s -> s.recentEvents(limit)))
                .stream().map(RowMapping::toEvent).toList();
    }

    // ---------------------------------------------------------------- sessions

    @Override
    public void saveSession(SessionMeta session) {
        SessionRow row = RowMapping.toRow(session);
        once("saving session " + session.sessionId(), () -> jdbi.withHandle(h -> {
            SqlStatements s = h.attach(statements);
            try {
                s.upsertSession(row);
                return null;
            } catch (StatementException e) {
                if (!dialect.isForeignKeyViolation(sqlCause(e))) {
                    throw refusedOr(e, session.sessionId());
                }
            }
            s.insertPlaceholders(List.of(RowMapping.parentPlaceholderFor(row)));
            try {
                s.upsertSession(row);
            } catch (StatementException e) {
                throw refusedOr(e, session.sessionId());
            }
            return null;
        }));
    }

    @Override
    public Optional<SessionMeta> getSession(String sessionId) {
        if (!keepable(sessionId)) {
            return Optional.empty();
        }
        return once("reading session " + sessionId, () -> jdbi.withExtension(statements,
                s -> s.session(sessionId))).map(RowMapping::toSession);
    }

    @Override
    public List<SessionMeta> getSessions(SessionQuery query) {
        int limit = query.limit() == null ? Integer.MAX_VALUE : query.limit();
        List<SessionRow> rows = once("reading sessions", () -> jdbi.withExtension(statements, s -> {
            if (query.status() == null) {
                return s.sessions(limit);
            }
            boolean known = query.status().isKnown();
            return s.sessionsWithStatus(known ? query.status().value() : null,
                    known ? null : query.status().value(), limit);
        }));
        return rows.stream().map(RowMapping::toSession).toList();
    }

    @Override
    public SessionMeta updateSession(String sessionId, SessionPatch patch) {
        if (!keepable(sessionId)) {
            throw NotFoundException.session(sessionId);
        }
        return once("updating session " + sessionId, () -> jdbi.inTransaction(h -> {
            SqlStatements s = h.attach(statements);
            SessionMeta current = s.sessionForUpdate(sessionId).map(RowMapping::toSession)
                    .orElseThrow(() -> NotFoundException.session(sessionId));
            SessionMeta updated = MonitorJson.apply(current, patch);
            SessionRow row = RowMapping.toRow(updated);
            if (row.parentSessionId() != null && !s.sessionRowExists(row.parentSessionId())) {
                s.insertPlaceholders(List.of(RowMapping.parentPlaceholderFor(row)));
            }
            try {
                s.upsertSession(row);
            } catch (StatementException e) {
                throw refusedOr(e, sessionId);
            }
            return updated;
        }));
    }

    @Override
    public void deleteSession(String sessionId) {
        if (!keepable(sessionId)) {
            throw NotFoundException.session(sessionId);
        }
        int n = once("deleting session " + sessionId, () -> jdbi.withExtension(statements,
                s -> s.deleteSession(sessionId)));
        if (n == 0) {
            throw NotFoundException.session(sessionId);
        }
    }

    @Override
    public int deleteAllSessions() {
        return once("deleting all sessions", () -> jdbi.inTransaction(h -> {
            SqlStatements s = h.attach(statements);
            long sessions = s.countSessions();
            s.deleteAllEvents();
            s.deleteAllSessionRows();
            return (int) sessions;
        }));
    }

    @Override
    public int pruneOldSessions(long cutoffMs) {
        int pruned = once("pruning sessions", () -> jdbi.withExtension(statements, s -> s.pruneSessions(cutoffMs)));
        dialect.afterPrune();
        return pruned;
    }

    // ---------------------------------------------------------------- streams

    @Override
    public Stream<SessionMeta> streamSessions() {
        return KeysetPages.<String, SessionRow>stream(
                        after -> once("streaming sessions", () -> jdbi.withExtension(statements,
                                s -> s.sessionsPage(after, SESSION_PAGE))),
                        SessionRow::sessionId, SESSION_PAGE, "")
                .flatMap(row -> mapOrReport(row, RowMapping::toSession, "sessions", row.sessionId(),
                        row.sessionId(), row::recordJson));
    }

    @Override
    public Stream<String> streamEventSessionIds() {
        return KeysetPages.stream(
                after -> once("streaming session ids", () -> jdbi.withExtension(statements,
                        s -> s.eventSessionIdsPage(after, SESSION_PAGE))),
                Function.identity(), SESSION_PAGE, "");
    }

    @Override
    public Stream<MonitorEvent> streamEvents(String sessionId) {
        if (!keepable(sessionId)) {
            return Stream.empty();
        }
        return KeysetPages.<long[], EventRow>stream(
                        after -> once("streaming events of " + sessionId, () -> jdbi.withExtension(statements,
                                s -> s.eventsPage(sessionId, after[0], after[1], EVENT_PAGE))),
                        row -> new long[]{row.timestamp(), row.seq()}, EVENT_PAGE,
                        new long[]{Long.MIN_VALUE, Long.MIN_VALUE})
                .flatMap(row -> mapOrReport(row, RowMapping::toEvent, "events", row.sessionId() + "/" + row.id(),
                        row.sessionId(), () -> row.recordJson() != null ? row.recordJson() : row.data().toString()));
    }

    /** The server's fingerprints of the events, when the dialect has the server compute them. */
    @Override
    public Optional<EventFingerprints> eventFingerprints() {
        return dialect.fingerprintsEvents() ? Optional.of(new ServerFingerprints()) : Optional.empty();
    }

    /** Fingerprints the server sums of each session's rows, and the client's of the row it would store for an event. */
    private final class ServerFingerprints implements EventFingerprints {

        @Override
        public OptionalLong of(MonitorEvent event) {
            try {
                return dialect.fingerprint(RowMapping.toRow(event));
            } catch (InvalidRecordException refused) {
                return OptionalLong.empty();
            }
        }

        @Override
        public SessionFingerprint session(String sessionId) {
            if (!keepable(sessionId)) {
                return SessionFingerprint.NONE;
            }
            return once("summing the event fingerprints of " + sessionId,
                    () -> jdbi.withHandle(h -> dialect.sessionFingerprint(h, sessionId)));
        }
    }

    /** The record a row holds, or none when it does not map (reported with the row's {@code content}). */
    private <R, T> Stream<T> mapOrReport(R row, Function<R, T> mapping, String table, String key, String sessionId,
                                         Supplier<String> content) {
        try {
            return Stream.of(mapping.apply(row));
        } catch (StoreException | IllegalArgumentException | NullPointerException e) {
            String reason = "row does not map to a record: " + e.getMessage();
            LOG.warn("{} {}: {}", table, key, reason);
            problems.onProblem(new ReadProblem(description + " table " + table + " row " + key, 0, sessionId,
                    reason, Objects.requireNonNullElse(content.get(), "").getBytes(StandardCharsets.UTF_8)));
            return Stream.empty();
        }
    }

    @Override
    public StoreStats stats() {
        return once("counting", () -> jdbi.withExtension(statements,
                s -> new StoreStats(s.countSessions(), s.countEvents())));
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        if (resources != null) {
            try {
                resources.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", description, e.toString());
            }
        }
    }

    // ---------------------------------------------------------------- failures

    /**
     * Whether a key can be in a row: {@link RowMapping} refuses to write an id holding NUL or an unpaired surrogate
     * (PostgreSQL could not even take it as a parameter), so a read by such a key finds nothing, without asking.
     */
    private static boolean keepable(String key) {
        return key == null || SqlText.isSafe(key);
    }

    /**
     * Runs the work against the server once: a lost or unreachable server is reported as
     * {@link StoreUnavailableException} at once, for the operation's owner to retry under its {@link RetryPolicy}
     * (a store that waited too would stack its waits on the owner's). A transaction the server rolled back because
     * of a conflict with another writer (a deadlock, a lock wait timeout, a serialization failure) is no outage and
     * the store's own business: it is run again from its start, for a few seconds at most.
     */
    private <T> T once(String what, Supplier<T> work) {
        try {
            return CONFLICTS.call(description + ": " + what, work, this::isConflict,
                    RetryPolicy.Observer.NONE);
        } catch (RuntimeException e) {
            SQLException sql = sqlCause(e);
            if (sql != null && dialect.isTransient(sql)) {
                throw unavailable(what, sql);
            }
            throw translate(e, what);
        }
    }

    /**
     * A failure the dialect calls transient that is not the connection going away: a conflict between writers
     * (deadlock, lock wait timeout, serialization failure, MariaDB's auto-increment lock).
     */
    private boolean isConflict(RuntimeException e) {
        SQLException sql = sqlCause(e);
        if (sql == null || !dialect.isTransient(sql)) {
            return false;
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        boolean connectionLost = state.startsWith("08") || state.startsWith("57P")
                || sql instanceof java.sql.SQLRecoverableException
                || sql instanceof java.sql.SQLTransientConnectionException
                || ConnectFailure.of(e) == ConnectFailure.UNREACHABLE;
        return !connectionLost;
    }

    private StoreUnavailableException unavailable(String what, SQLException e) {
        return new StoreUnavailableException(description + " is unavailable while " + what + ": " + e.getMessage()
                + ". Check the server; the work can be repeated.", e);
    }

    private RuntimeException translate(RuntimeException e, String what) {
        if (e instanceof StoreException) {
            return e;
        }
        SQLException sql = sqlCause(e);
        if (sql == null) {
            return new StoreException(description + ": " + what + " failed: " + e.getMessage(), e);
        }
        return new StoreException(description + ": " + what + " failed: " + sql.getMessage()
                + " (SQLState " + sql.getSQLState() + ")", e);
    }

    /** A statement failure caused by the record: an {@link InvalidRecordException}; else rethrown as it is. */
    private RuntimeException refusedOr(StatementException e, String recordId) {
        SQLException sql = sqlCause(e);
        if (sql != null && dialect.isDataError(sql)) {
            return new InvalidRecordException(recordId, null, "the database refused it: " + sql.getMessage(), e);
        }
        return e;
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** A batch the database refused because of one of its rows; the chunk is then saved event by event. */
    private static final class BatchRefused extends StoreException {
        BatchRefused(Throwable cause) {
            super("a row of the batch was refused", cause);
        }
    }
}
