package io.contextuate.monitor.sql.internal;

import io.contextuate.monitor.sql.EventRow;
import io.contextuate.monitor.sql.SessionRow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.StoreException;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;
import io.contextuate.monitor.spi.model.TokenUsage;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one mapping between the model and the columns of a SQL store, losslessly.
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

    /** The row for a session record; refuses ids a SQL store cannot keep. */
    public static SessionRow toRow(SessionMeta s) {
        String id = s.sessionId();
        requireNonEmpty(id, id, "sessionId");
        requireId(id, id, "sessionId");
        if (s.parentSessionId() != null) {
            requireId(id, s.parentSessionId(), "parentSessionId");
        }
        requireName(id, s.machineId(), "machineId");
        requireName(id, s.status().value(), "status");

        String children = s.childSessionIds() == null ? null : MonitorJson.toText(childrenArray(s.childSessionIds()));
        TokenUsage t = s.tokenUsage();
        String tokenExtra = t == null || t.extra().isEmpty() ? null : MonitorJson.toText(extraObject(t.extra()));
        String extra = s.extra().isEmpty() ? null : MonitorJson.toText(extraObject(s.extra()));
        boolean exact = (children == null || SqlText.isSafeJson(children))
                && (tokenExtra == null || SqlText.isSafeJson(tokenExtra))
                && (extra == null || SqlText.isSafeJson(extra))
                && allSafe(s.machineId(), s.workingDirectory(), s.status().value(), s.agentType(),
                s.manualParentSessionId(), s.label(), s.model(), s.transcriptPath());
        String recordJson = null;
        if (!exact) {
            recordJson = MonitorJson.toText(MonitorJson.toJson(s));
            children = children == null ? null : MonitorJson.toText(SqlText.sanitize(childrenArray(s.childSessionIds())));
            tokenExtra = tokenExtra == null ? null : MonitorJson.toText(SqlText.sanitize(extraObject(t.extra())));
            extra = extra == null ? null : MonitorJson.toText(SqlText.sanitize(extraObject(s.extra())));
        }
        String status = SqlText.sanitize(s.status().value());
        boolean known = s.status().isKnown();
        return new SessionRow(id, SqlText.sanitize(s.machineId()), SqlText.sanitize(s.workingDirectory()),
                s.startTime(), s.endTime(), known ? status : null, known ? null : status, s.parentSessionId(),
                children,
                t == null ? null : t.totalInput(), t == null ? null : t.totalOutput(),
                t == null ? null : t.totalCacheRead(), t == null ? null : t.totalCacheCreation(), tokenExtra,
                s.hidden(), SqlText.sanitize(s.agentType()), s.isUserInitiated(), s.isPinned(),
                SqlText.sanitize(s.manualParentSessionId()), SqlText.sanitize(s.label()), SqlText.sanitize(s.model()),
                SqlText.sanitize(s.transcriptPath()), extra, recordJson, false);
    }

    /**
     * The session record a row holds. With {@code record_json}, the parent link comes from the column, because the
     * database clears it (ON DELETE SET NULL) when the parent is deleted.
     */
    public static SessionMeta toSession(SessionRow r) {
        if (r.recordJson() != null) {
            SessionMeta s = MonitorJson.readSession(parse(r.recordJson(), "sessions", r.sessionId()));
            return s.toBuilder().parentSessionId(r.parentSessionId()).build();
        }
        TokenUsage tokens = r.tokenUsageInput() == null ? null
                : new TokenUsage(r.tokenUsageInput(), r.tokenUsageOutput() == null ? 0 : r.tokenUsageOutput(),
                r.tokenUsageCacheRead(), r.tokenUsageCacheCreation(),
                extraMap(r.tokenUsageExtra(), "sessions", r.sessionId()));
        return SessionMeta.builder()
                .sessionId(r.sessionId())
                .machineId(r.machineId())
                .workingDirectory(r.workingDirectory())
                .startTime(r.startTime())
                .endTime(r.endTime())
                .status(SessionStatus.of(r.status() != null ? r.status() : r.statusOther()))
                .parentSessionId(r.parentSessionId())
                .childSessionIds(r.childSessionIds() == null ? null : stringList(r.childSessionIds(), r.sessionId()))
                .tokenUsage(tokens)
                .hidden(r.hidden())
                .agentType(r.agentType())
                .isUserInitiated(r.isUserInitiated())
                .isPinned(r.isPinned())
                .manualParentSessionId(r.manualParentSessionId())
                .label(r.label())
                .model(r.model())
                .transcriptPath(r.transcriptPath())
                .extra(extraMap(r.extra(), "sessions", r.sessionId()))
                .build();
    }

    /**
     * A placeholder row for a session that events (or a child) reference before its record exists: what is known
     * from the referencing record, marked so reads do not show it as a session.
     */
    public static SessionRow placeholder(String sessionId, String machineId, String workingDirectory, long startTime) {
        return new SessionRow(sessionId, SqlText.sanitize(machineId), SqlText.sanitize(workingDirectory), startTime,
                null, SessionStatus.ACTIVE.value(), null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, true);
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

    private static boolean allSafe(String... values) {
        for (String v : values) {
            if (!SqlText.isSafe(v)) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode extraObject(Map<String, JsonNode> extra) {
        ObjectNode o = MonitorJson.newObject();
        extra.forEach(o::set);
        return o;
    }

    private static ArrayNode childrenArray(List<String> ids) {
        ArrayNode a = MonitorJson.mapper().createArrayNode();
        ids.forEach(a::add);
        return a;
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

    private static List<String> stringList(String json, String id) {
        JsonNode node = parse(json, "sessions", id);
        java.util.ArrayList<String> out = new java.util.ArrayList<>(node.size());
        node.forEach(n -> out.add(n.asText()));
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
