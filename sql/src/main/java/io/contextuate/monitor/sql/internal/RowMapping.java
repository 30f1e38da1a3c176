package io.contextuate.monitor.sql.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.JsonText;
import io.contextuate.monitor.sql.SessionColumn;
import io.contextuate.monitor.sql.SessionRow;
import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.StoreException;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.json.SourcedObject;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one mapping between the model and the columns of a SQL store, losslessly; for sessions it follows the table
 * of {@link SessionColumn} (the model's JSON, as {@link MonitorJson} writes it, dealt out to the columns).
 *
 * <ul>
 *   <li>Known event types, hook types and statuses go to the typed column (an ENUM or a CHECKed column); any other
 *       value goes verbatim to the {@code _other} column, so the schema's type safety holds for known values and new
 *       ones are never refused.</li>
 *   <li>Optional members map to nullable columns ({@code null} = absent); unknown members to an {@code extra} JSON
 *       object.</li>
 *   <li>A record holding a string no text or JSON column can keep (U+0000, an unpaired surrogate) is kept whole in
 *       {@code record_json}, and its columns get a sanitized copy for queries (see {@link SqlText}).</li>
 *   <li>Identifiers (session, event and parent ids) must fit {@value #MAX_ID_LENGTH} characters and be safe text;
 *       otherwise the record is refused with an {@link InvalidRecordException} naming the field.</li>
 * </ul>
 */
public final class RowMapping {

    /** The longest id (and machine id, and unknown type name) a SQL store keeps. */
    public static final int MAX_ID_LENGTH = 255;

    private static final SessionMapping SESSIONS = new SessionMapping(SessionColumn.all());

    private RowMapping() {
    }

    // ---------------------------------------------------------------- events

    /** The row for an event; refuses ids a SQL store cannot keep. */
    public static EventRow toRow(MonitorEvent e) {
        requireNonEmpty(e.id(), e.id(), "id");
        requireNonEmpty(e.id(), e.sessionId(), "sessionId");
        requireId(e.id(), e.id(), "id");
        requireId(e.id(), e.sessionId(), "sessionId");
        if (e.parentSessionId() != null) {
            requireId(e.id(), e.parentSessionId(), "parentSessionId");
        }
        requireName(e.id(), e.machineId(), "machineId");
        requireName(e.id(), e.eventType().value(), "eventType");
        requireName(e.id(), e.hookType().value(), "hookType");

        JsonText data = storableSource(e.data());
        boolean dataExact = data != null;
        if (data == null) {
            String written = MonitorJson.toText(e.data());
            dataExact = SqlText.isSafeJson(written);
            data = JsonText.of(written);
        }
        String extra = e.extra().isEmpty() ? null : MonitorJson.toText(extraObject(e.extra()));
        boolean exact = dataExact && (extra == null || SqlText.isSafeJson(extra))
                && SqlText.isSafe(e.machineId()) && SqlText.isSafe(e.workingDirectory())
                && SqlText.isSafe(e.eventType().value()) && SqlText.isSafe(e.hookType().value());
        String recordJson = null;
        if (!exact) {
            recordJson = MonitorJson.toText(MonitorJson.toJson(e));
            data = JsonText.of(MonitorJson.toText(SqlText.sanitize(e.data())));
            extra = extra == null ? null : MonitorJson.toText(SqlText.sanitize(extraObject(e.extra())));
        }
        // an exact record's strings were found safe above: no need to look at them again
        String eventType = exact ? e.eventType().value() : SqlText.sanitize(e.eventType().value());
        String hookType = exact ? e.hookType().value() : SqlText.sanitize(e.hookType().value());
        boolean knownEvent = e.eventType().isKnown();
        boolean knownHook = e.hookType().isKnown();
        return new EventRow(null, e.id(), e.sessionId(), e.timestamp(), e.parentSessionId(),
                exact ? e.machineId() : SqlText.sanitize(e.machineId()),
                exact ? e.workingDirectory() : SqlText.sanitize(e.workingDirectory()),
                knownEvent ? eventType : null, knownEvent ? null : eventType,
                knownHook ? hookType : null, knownHook ? null : hookType,
                data, extra, recordJson);
    }

    /**
     * The payload's text as it was read, when a column can hold it exactly (checked on its bytes, which costs much
     * less than writing the tree again), else {@code null}.
     */
    private static JsonText storableSource(ObjectNode data) {
        if (data instanceof SourcedObject sourced) {
            byte[] source = sourced.source();
            if (SqlText.isSafeJson(source)) {
                return JsonText.ofUtf8(source);
            }
        }
        return null;
    }

    /** The event a row holds. */
    public static MonitorEvent toEvent(EventRow r) {
        if (r.recordJson() != null) {
            return MonitorJson.readEvent(parse(r.recordJson(), "events", r.id()));
        }
        JsonNode data = parse(r.data().utf8(), "events", r.id());
        if (!data.isObject()) {
            throw new StoreException("Event '" + r.id() + "' of session '" + r.sessionId()
                    + "': the data column does not hold a JSON object");
        }
        return MonitorEvent.builder()
                .id(r.id())
                .timestamp(r.timestamp())
                .sessionId(r.sessionId())
                .parentSessionId(r.parentSessionId())
                .machineId(r.machineId())
                .workingDirectory(r.workingDirectory())
                .eventType(EventType.of(r.eventType() != null ? r.eventType() : r.eventTypeOther()))
                .hookType(HookType.of(r.hookType() != null ? r.hookType() : r.hookTypeOther()))
                .data((ObjectNode) data)
                .extra(extraMap(r.extra(), "events", r.id()))
                .build();
    }

    // ---------------------------------------------------------------- sessions

    /**
     * The row for a session record; refuses ids a SQL store cannot keep. The record's JSON members are dealt out
     * to the columns of {@link SessionColumn}; the unknown members, and members of the model no column takes yet,
     * go to {@code extra}.
     */
    public static SessionRow toRow(SessionMeta s) {
        String id = s.sessionId();
        requireNonEmpty(id, id, "sessionId");
        requireId(id, id, "sessionId");
        if (s.parentSessionId() != null) {
            requireId(id, s.parentSessionId(), "parentSessionId");
        }
        requireName(id, s.machineId(), "machineId");
        requireName(id, s.status().value(), "status");
        return SESSIONS.toRow(s);
    }

    /**
     * The session record a row holds: its JSON object rebuilt from the columns and read by
     * {@link MonitorJson#readSession(JsonNode)}. With {@code record_json}, the parent link comes from the column,
     * because the database clears it (ON DELETE SET NULL) when the parent is deleted.
     */
    public static SessionMeta toSession(SessionRow r) {
        return SESSIONS.toSession(r);
    }

    /**
     * A placeholder row for a session that events (or a child) reference before its record exists: what is known
     * from the referencing record, marked so reads do not show it as a session.
     */
    public static SessionRow placeholder(String sessionId, String machineId, String workingDirectory, long startTime) {
        Object[] values = new Object[SessionColumn.all().size()];
        values[SessionColumn.SESSION_ID.ordinal()] = sessionId;
        values[SessionColumn.MACHINE_ID.ordinal()] = SqlText.sanitize(machineId);
        values[SessionColumn.WORKING_DIRECTORY.ordinal()] = SqlText.sanitize(workingDirectory);
        values[SessionColumn.START_TIME.ordinal()] = startTime;
        values[SessionColumn.STATUS.ordinal()] = SessionStatus.ACTIVE.value();
        values[SessionColumn.IS_PLACEHOLDER.ordinal()] = true;
        return new SessionRow(values);
    }

    /** The placeholder for an event's session. */
    public static SessionRow placeholderFor(EventRow event) {
        return placeholder(event.sessionId(), event.machineId(), event.workingDirectory(), event.timestamp());
    }

    /** The placeholder for a session's missing parent. */
    public static SessionRow parentPlaceholderFor(SessionRow child) {
        return placeholder(child.parentSessionId(), child.machineId(), child.workingDirectory(), child.startTime());
    }

    // ---------------------------------------------------------------- helpers

    private static void requireNonEmpty(String recordId, String value, String field) {
        if (value.isEmpty()) {
            throw new InvalidRecordException(recordId, field, "is empty; a record needs a non-empty " + field);
        }
    }

    private static void requireId(String recordId, String value, String field) {
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidRecordException(recordId, field, "is " + value.length()
                    + " characters long; a SQL store keeps at most " + MAX_ID_LENGTH);
        }
        if (!SqlText.isSafe(value)) {
            throw new InvalidRecordException(recordId, field,
                    "holds U+0000 or an unpaired surrogate, which a SQL store cannot keep in an identifier");
        }
    }

    private static void requireName(String recordId, String value, String field) {
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidRecordException(recordId, field, "is " + value.length()
                    + " characters long; a SQL store keeps at most " + MAX_ID_LENGTH);
        }
    }

    static ObjectNode extraObject(Map<String, JsonNode> extra) {
        ObjectNode o = MonitorJson.newObject();
        extra.forEach(o::set);
        return o;
    }

    private static Map<String, JsonNode> extraMap(String json, String table, String id) {
        if (json == null) {
            return Map.of();
        }
        JsonNode node = parse(json, table, id);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            out.put(f.getKey(), f.getValue());
        }
        return out;
    }

    static JsonNode parse(String json, String table, String id) {
        try {
            return MonitorJson.parse(json);
        } catch (IOException e) {
            throw unparsable(table, id, e);
        }
    }

    private static JsonNode parse(byte[] json, String table, String id) {
        try {
            return MonitorJson.parse(json);
        } catch (IOException e) {
            throw unparsable(table, id, e);
        }
    }

    private static StoreException unparsable(String table, String id, IOException e) {
        return new StoreException("Row '" + id + "' of table " + table + " holds JSON that does not parse: "
                + e.getMessage(), e);
    }
}
