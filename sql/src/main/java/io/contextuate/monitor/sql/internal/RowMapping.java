package io.contextuate.monitor.sql.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.SessionColumn;
import io.contextuate.monitor.sql.SessionRow;
import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.StoreException;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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

        String data = MonitorJson.toText(e.data());
        String extra = e.extra().isEmpty() ? null : MonitorJson.toText(extraObject(e.extra()));
        boolean exact = SqlText.isSafeJson(data) && (extra == null || SqlText.isSafeJson(extra))
                && SqlText.isSafe(e.machineId()) && SqlText.isSafe(e.workingDirectory())
                && SqlText.isSafe(e.eventType().value()) && SqlText.isSafe(e.hookType().value());
        String recordJson = null;
        if (!exact) {
            recordJson = MonitorJson.toText(MonitorJson.toJson(e));
            data = MonitorJson.toText(SqlText.sanitize(e.data()));
            extra = extra == null ? null : MonitorJson.toText(SqlText.sanitize(extraObject(e.extra())));
        }
        String eventType = SqlText.sanitize(e.eventType().value());
        String hookType = SqlText.sanitize(e.hookType().value());
        boolean knownEvent = e.eventType().isKnown();
        boolean knownHook = e.hookType().isKnown();
        return new EventRow(null, e.id(), e.sessionId(), e.timestamp(), e.parentSessionId(),
                SqlText.sanitize(e.machineId()), SqlText.sanitize(e.workingDirectory()),
                knownEvent ? eventType : null, knownEvent ? null : eventType,
                knownHook ? hookType : null, knownHook ? null : hookType,
                data, extra, recordJson);
    }

    /** The event a row holds. */
    public static MonitorEvent toEvent(EventRow r) {
        if (r.recordJson() != null) {
            return MonitorJson.readEvent(parse(r.recordJson(), "events", r.id()));
        }
        JsonNode data = parse(r.data(), "events", r.id());
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

        // the model's own members apart from its unknown ones, so a column only ever takes a member of the model
        ObjectNode members = MonitorJson.toJson(s.extra().isEmpty() ? s : s.toBuilder().extra(Map.of()).build());
        ObjectNode unknown = s.extra().isEmpty() ? null : extraObject(s.extra());
        String recordJson = null;
        if (!SqlText.isSafe(members) || (unknown != null && !SqlText.isSafe(unknown))) {
            recordJson = MonitorJson.toText(MonitorJson.toJson(s));
            members = (ObjectNode) SqlText.sanitize(members);
            unknown = unknown == null ? null : (ObjectNode) SqlText.sanitize(unknown);
        }
        Object[] values = new Object[SessionColumn.all().size()];
        for (Place p : MEMBER_PLACES) {
            ObjectNode object = p.objectIn(members);
            JsonNode v = object == null ? null : object.get(p.name);
            if (v != null && takes(p.column.kind(), v)) {
                values[p.column.ordinal()] = columnValue(p.column.kind(), v);
                object.remove(p.name);
            }
        }
        for (Place p : REST_PLACES) {
            ObjectNode object = p.objectIn(members);
            if (object == null) {
                continue;
            }
            if (p.objects.length == 0 && unknown != null) {
                ObjectNode top = object;
                unknown.fields().forEachRemaining(f -> top.putIfAbsent(f.getKey(), f.getValue()));
            }
            values[p.column.ordinal()] = object.isEmpty() ? null : MonitorJson.toText(object);
            p.removeObjectFrom(members);
        }
        values[SessionColumn.RECORD_JSON.ordinal()] = recordJson;
        values[SessionColumn.IS_PLACEHOLDER.ordinal()] = false;
        return new SessionRow(values);
    }

    /**
     * The session record a row holds: its JSON object rebuilt from the columns and read by
     * {@link MonitorJson#readSession(JsonNode)}. With {@code record_json}, the parent link comes from the column,
     * because the database clears it (ON DELETE SET NULL) when the parent is deleted.
     */
    public static SessionMeta toSession(SessionRow r) {
        if (r.recordJson() != null) {
            SessionMeta s = MonitorJson.readSession(parse(r.recordJson(), "sessions", r.sessionId()));
            return s.toBuilder().parentSessionId(r.parentSessionId()).build();
        }
        ObjectNode json = MonitorJson.newObject();
        for (Place p : MEMBER_PLACES) {
            Object v = r.get(p.column);
            if (v != null) {
                p.putIn(json, p.name, member(p.column.kind(), v, r.sessionId()));
            }
        }
        for (Place p : REST_PLACES) {
            Object v = r.get(p.column);
            if (v != null) {
                parse((String) v, "sessions", r.sessionId()).fields()
                        .forEachRemaining(f -> p.putIn(json, f.getKey(), f.getValue()));
            }
        }
        return MonitorJson.readSession(json);
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

    // ---------------------------------------------------------------- session columns

    /** The columns that take one member, in table order (so status is offered a value before status_other). */
    private static final List<Place> MEMBER_PLACES = SessionColumn.all().stream()
            .filter(c -> c.member() != null && !c.member().endsWith("*")).map(Place::of).toList();
    /** The columns that take the rest of an object, innermost first (tokenUsage's before the top level's). */
    private static final List<Place> REST_PLACES = SessionColumn.all().stream()
            .filter(c -> c.member() != null && c.member().endsWith("*")).map(Place::of)
            .sorted(Comparator.comparingInt((Place p) -> p.objects.length).reversed()).toList();

    /** Where a column's member is: the names of the nested objects leading to it, and its own name. */
    private record Place(SessionColumn column, String[] objects, String name) {

        static Place of(SessionColumn column) {
            String[] path = column.member().split("\\.");
            return new Place(column, Arrays.copyOf(path, path.length - 1), path[path.length - 1]);
        }

        /** The object holding the member, or {@code null} when the JSON has none. */
        ObjectNode objectIn(ObjectNode root) {
            JsonNode node = root;
            for (String name : objects) {
                node = node.get(name);
                if (node == null || !node.isObject()) {
                    return null;
                }
            }
            return (ObjectNode) node;
        }

        /** Removes the (nested) object of this place, once a rest column took what was left of it. */
        void removeObjectFrom(ObjectNode root) {
            if (objects.length > 0) {
                new Place(column, Arrays.copyOf(objects, objects.length - 1), objects[objects.length - 1])
                        .objectIn(root).remove(objects[objects.length - 1]);
            }
        }

        /** Puts a member into the object of this place (made when missing), unless the object has one so named. */
        void putIn(ObjectNode root, String member, JsonNode value) {
            ObjectNode node = root;
            for (String name : objects) {
                JsonNode next = node.get(name);
                node = next instanceof ObjectNode o ? o : node.putObject(name);
            }
            node.putIfAbsent(member, value);
        }
    }

    /** Whether a column of the kind takes this JSON value (else it stays for a rest column). */
    private static boolean takes(SessionColumn.Kind kind, JsonNode v) {
        return switch (kind) {
            case TEXT -> v.isTextual();
            case BIGINT -> v.isIntegralNumber() && v.canConvertToLong();
            case BOOLEAN -> v.isBoolean();
            case JSON -> true;
            case STATUS -> v.isTextual() && SessionStatus.of(v.textValue()).isKnown();
        };
    }

    private static Object columnValue(SessionColumn.Kind kind, JsonNode v) {
        return switch (kind) {
            case TEXT, STATUS -> v.textValue();
            case BIGINT -> v.longValue();
            case BOOLEAN -> v.booleanValue();
            case JSON -> MonitorJson.toText(v);
        };
    }

    private static JsonNode member(SessionColumn.Kind kind, Object value, String id) {
        return switch (kind) {
            case TEXT, STATUS -> TextNode.valueOf((String) value);
            case BIGINT -> LongNode.valueOf((Long) value);
            case BOOLEAN -> BooleanNode.valueOf((Boolean) value);
            case JSON -> parse((String) value, "sessions", id);
        };
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

    private static ObjectNode extraObject(Map<String, JsonNode> extra) {
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

    private static JsonNode parse(String json, String table, String id) {
        try {
            return MonitorJson.parse(json);
        } catch (IOException e) {
            throw new StoreException("Row '" + id + "' of table " + table + " holds JSON that does not parse: "
                    + e.getMessage(), e);
        }
    }
}
