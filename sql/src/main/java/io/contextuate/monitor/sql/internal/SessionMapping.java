package io.contextuate.monitor.sql.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;
import io.contextuate.monitor.sql.SessionColumn;
import io.contextuate.monitor.sql.SessionRow;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A session's JSON object dealt out to the columns of {@link SessionColumn}, and gathered back from them.
 *
 * <p>To a row: the members of the model (as {@link MonitorJson#toJson(SessionMeta)} writes them, without the
 * unknown members) are offered to the columns in table order; a column takes a member whose value is of its kind
 * and removes it. A rest column ({@code *}) then takes what is left of its object: {@code token_usage_extra} the
 * rest of {@code tokenUsage}, {@code extra} the rest of the top level together with the unknown members. A record
 * holding a string no column can store exactly is kept whole in {@code record_json} and its columns get a sanitized
 * copy ({@link SqlText}).
 *
 * <p>From a row: each non-NULL column puts its member back, the rest columns their members (a member already put
 * wins), and {@link MonitorJson#readSession(com.fasterxml.jackson.databind.JsonNode)} reads the object.
 */
final class SessionMapping {

    /** The columns that take one member, in table order (so status is offered a value before status_other). */
    private final List<Place> memberPlaces;
    /** The columns that take the rest of an object, innermost first (tokenUsage's before the top level's). */
    private final List<Place> restPlaces;

    /** A mapping over these columns (all of {@link SessionColumn} but in tests, which leave some out). */
    SessionMapping(List<SessionColumn> columns) {
        this.memberPlaces = columns.stream()
                .filter(c -> c.member() != null && !c.member().endsWith("*")).map(Place::of).toList();
        this.restPlaces = columns.stream()
                .filter(c -> c.member() != null && c.member().endsWith("*")).map(Place::of)
                .sorted(Comparator.comparingInt((Place p) -> p.objects.length).reversed()).toList();
    }

    /** The row for a session record (its ids already checked). */
    SessionRow toRow(SessionMeta s) {
        // the model's own members apart from its unknown ones, so a column only ever takes a member of the model
        ObjectNode members = MonitorJson.toJson(s.extra().isEmpty() ? s : s.toBuilder().extra(Map.of()).build());
        ObjectNode unknown = s.extra().isEmpty() ? null : RowMapping.extraObject(s.extra());
        String recordJson = null;
        if (!SqlText.isSafe(members) || (unknown != null && !SqlText.isSafe(unknown))) {
            recordJson = MonitorJson.toText(MonitorJson.toJson(s));
            members = (ObjectNode) SqlText.sanitize(members);
            unknown = unknown == null ? null : (ObjectNode) SqlText.sanitize(unknown);
        }
        Object[] values = new Object[SessionColumn.all().size()];
        for (Place p : memberPlaces) {
            ObjectNode object = p.objectIn(members);
            JsonNode v = object == null ? null : object.get(p.name);
            if (v != null && takes(p.column.kind(), v)) {
                values[p.column.ordinal()] = columnValue(p.column.kind(), v);
                object.remove(p.name);
            }
        }
        for (Place p : restPlaces) {
            ObjectNode object = p.objectIn(members);
            if (object == null) {
                continue;
            }
            if (p.objects.length == 0 && unknown != null) {
                unknown.fields().forEachRemaining(f -> object.putIfAbsent(f.getKey(), f.getValue()));
            }
            values[p.column.ordinal()] = object.isEmpty() ? null : MonitorJson.toText(object);
            p.removeObjectFrom(members);
        }
        values[SessionColumn.RECORD_JSON.ordinal()] = recordJson;
        values[SessionColumn.IS_PLACEHOLDER.ordinal()] = false;
        return new SessionRow(values);
    }

    /** The session record a row holds. */
    SessionMeta toSession(SessionRow r) {
        if (r.recordJson() != null) {
            SessionMeta s = MonitorJson.readSession(RowMapping.parse(r.recordJson(), "sessions", r.sessionId()));
            return s.toBuilder().parentSessionId(r.parentSessionId()).build();
        }
        ObjectNode json = MonitorJson.newObject();
        for (Place p : memberPlaces) {
            Object v = r.get(p.column);
            if (v != null) {
                p.putIn(json, p.name, member(p.column.kind(), v, r.sessionId()));
            }
        }
        for (Place p : restPlaces) {
            Object v = r.get(p.column);
            if (v != null) {
                RowMapping.parse((String) v, "sessions", r.sessionId()).fields()
                        .forEachRemaining(f -> p.putIn(json, f.getKey(), f.getValue()));
            }
        }
        return MonitorJson.readSession(json);
    }

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
            case JSON -> RowMapping.parse((String) value, "sessions", id);
        };
    }
}
