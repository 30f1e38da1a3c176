package io.contextuate.monitor.spi.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionPatch;
import io.contextuate.monitor.spi.model.SessionStatus;
import io.contextuate.monitor.spi.model.TokenUsage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON mapping of the model, shared by every backend: upstream's wire form to records and back, losslessly.
 *
 * <p>Reading is strict where the contract needs a value (ids, timestamps, types, {@code data}) and forgiving
 * everywhere else: a member it does not know, or a known optional member with an unexpected JSON type, is kept in
 * the record's {@code extra} and written back as it came. Numbers are read exactly (big integers, decimals).
 * Writing produces UTF-8 in which a lone surrogate (half of a cut emoji) is escaped ({@code \ud83d}) rather than
 * replaced, so such strings survive; {@code \u0000} stays an escape; whole characters are written as UTF-8.
 */
public final class MonitorJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE) // lower-case hex escapes, as JSON.stringify writes them
            .nodeFactory(NODES)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE)
                .maxNumberLength(100_000)
                .maxNestingDepth(5_000)
                .build());
    }

    private static final ObjectReader READER = MAPPER.reader();
    /** Reads one value of a document whose parser goes on after it. */
    private static final ObjectReader MEMBER = READER.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter UPSTREAM_PRETTY = MAPPER.writer(upstreamPrettyPrinter());

    private MonitorJson() {
    }

    /** The configured mapper (exact numbers, generous limits); do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new empty JSON object from the exact node factory. */
    public static ObjectNode newObject() {
        return NODES.objectNode();
    }

    /**
     * Parses one JSON document.
     *
     * @throws IOException when the bytes are not one well-formed UTF-8 JSON value
     */
    public static JsonNode parse(byte[] json) throws IOException {
        try {
            return READER.readTree(json);
        } catch (NumberFormatException e) {
            throw unreadableNumber(e);
        }
    }

    /** Parses one JSON document from a string. */
    public static JsonNode parse(String json) throws IOException {
        try {
            return READER.readTree(json);
        } catch (NumberFormatException e) {
            throw unreadableNumber(e);
        }
    }

    /** A number no exact value holds ({@code 1e9999999999}): Jackson says so unchecked; this is a parse error too. */
    private static IOException unreadableNumber(NumberFormatException e) {
        return new IOException(e.getMessage(), e);
    }

    /** Compact UTF-8 JSON with lone surrogates escaped, as one line (no line feed). */
    public static byte[] toBytes(JsonNode node) {
        try {
            return COMPACT.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact JSON text; lone surrogates are escaped, so the text encodes to UTF-8 without loss. */
    public static String toText(JsonNode node) {
        return new String(toBytes(node), StandardCharsets.UTF_8);
    }

    /** JSON as upstream's {@code JSON.stringify(value, null, 2)} lays it out (two-space indent, no final line feed). */
    public static byte[] toUpstreamPretty(JsonNode node) {
        try {
            return UPSTREAM_PRETTY.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- events

    /**
     * Reads an event from its JSON bytes; its {@code data} is a {@link SourcedObject} that keeps its slice of
     * {@code json}, which must therefore not change afterwards.
     */
    public static MonitorEvent readEvent(byte[] json) {
        JsonNode node;
        try {
            node = readEventTree(json);
        } catch (IOException notOneObject) {
            try {
                node = parse(json); // the error, worded as for any other document
            } catch (IOException e) {
                throw new InvalidRecordException(null, null, "not valid JSON: " + firstLine(e.getMessage()), e);
            }
        }
        return readEvent(node);
    }

    /** The tree of one JSON object whose {@code data} members keep their text; fails on anything else. */
    private static ObjectNode readEventTree(byte[] json) throws IOException {
        try (JsonParser p = MAPPER.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            ObjectNode event = NODES.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() == JsonToken.START_OBJECT && name.equals("data")) {
                    int from = (int) p.currentTokenLocation().getByteOffset();
                    checkObject(p);
                    int to = (int) p.currentTokenLocation().getByteOffset() + 1; // just after the closing brace
                    event.set(name, SourcedObject.of(NODES, json, from, to));
                } else {
                    event.set(name, MEMBER.readTree(p));
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IOException("not one object");
            }
            return event;
        } catch (NumberFormatException e) {
            throw unreadableNumber(e);
        }
    }

    /**
     * Reads the object the parser stands at the start of to its end without building it, converting its numbers as
     * reading a tree does, so that whatever would fail to become a tree fails here.
     */
    private static void checkObject(JsonParser p) throws IOException {
        int depth = 1;
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException("the object does not end");
            }
            switch (t) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case VALUE_NUMBER_INT -> p.getNumberValue();
                case VALUE_NUMBER_FLOAT -> p.getDecimalValue(); // floats are read as exact decimals
                default -> { }
            }
        }
    }

    /** Parses the JSON object in {@code input[from, from + length)}. */
    static ObjectNode parseObject(byte[] input, int from, int length) throws IOException {
        JsonNode node = READER.readTree(input, from, length);
        if (!(node instanceof ObjectNode object)) {
            throw new IOException("not a JSON object");
        }
        return object;
    }

    /** Reads an event from a parsed JSON value. */
    public static MonitorEvent readEvent(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException(null, null, "an event must be a JSON object, found " + kind(node));
        }
        String id = requiredText(node, "id", null);
        MonitorEvent.Builder b = MonitorEvent.builder().id(id);
        b.timestamp(requiredLong(node, "timestamp", id));
        b.sessionId(requiredText(node, "sessionId", id));
        b.machineId(requiredText(node, "machineId", id));
        b.workingDirectory(requiredText(node, "workingDirectory", id));
        b.eventType(EventType.of(requiredText(node, "eventType", id)));
        b.hookType(HookType.of(requiredText(node, "hookType", id)));
        JsonNode data = node.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidRecordException(id, "data", "must be a JSON object, found " + kind(data));
        }
        b.data((ObjectNode) data);
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            switch (f.getKey()) {
                case "id", "timestamp", "sessionId", "machineId", "workingDirectory", "eventType", "hookType",
                        "data" -> { }
                case "parentSessionId" -> {
                    if (v.isTextual()) {
                        b.parentSessionId(v.textValue());
                    } else {
                        extra.put(f.getKey(), v);
                    }
                }
                default -> extra.put(f.getKey(), v);
            }
        }
        return b.extra(extra).build();
    }

    /** The event in upstream's wire form, members in upstream's order, unknown members last. */
    public static ObjectNode toJson(MonitorEvent e) {
        ObjectNode o = NODES.objectNode();
        o.put("id", e.id());
        o.put("timestamp", e.timestamp());
        o.put("sessionId", e.sessionId());
        if (e.parentSessionId() != null) {
            o.put("parentSessionId", e.parentSessionId());
        }
        o.put("machineId", e.machineId());
        o.put("workingDirectory", e.workingDirectory());
        o.put("eventType", e.eventType().value());
        o.put("hookType", e.hookType().value());
        o.set("data", e.data());
        putExtra(o, e.extra());
        return o;
    }

    /** The event as one compact line of UTF-8 JSON, without the line feed. */
    public static byte[] toLine(MonitorEvent e) {
        return toBytes(toJson(e));
    }

    // ---------------------------------------------------------------- sessions

    /** Reads a session from its JSON bytes. */
    public static SessionMeta readSession(byte[] json) {
        JsonNode node;
        try {
            node = parse(json);
        } catch (IOException e) {
            throw new InvalidRecordException(null, null, "not valid JSON: " + firstLine(e.getMessage()), e);
        }
        return readSession(node);
    }

    /** Reads a session from a parsed JSON value. */
    public static SessionMeta readSession(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException(null, null, "a session must be a JSON object, found " + kind(node));
        }
        String id = requiredText(node, "sessionId", null);
        SessionMeta.Builder b = SessionMeta.builder().sessionId(id);
        b.machineId(requiredText(node, "machineId", id));
        b.workingDirectory(requiredText(node, "workingDirectory", id));
        b.startTime(requiredLong(node, "startTime", id));
        b.status(SessionStatus.of(requiredText(node, "status", id)));
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String k = f.getKey();
            JsonNode v = f.getValue();
            boolean kept = switch (k) {
                case "sessionId", "machineId", "workingDirectory", "startTime", "status" -> true;
                case "endTime" -> exactLong(v) != null && set(() -> b.endTime(exactLong(v)));
                case "parentSessionId" -> v.isTextual() && set(() -> b.parentSessionId(v.textValue()));
                case "childSessionIds" -> stringList(v) != null && set(() -> b.childSessionIds(stringList(v)));
                case "tokenUsage" -> tokenUsage(v) != null && set(() -> b.tokenUsage(tokenUsage(v)));
                case "hidden" -> v.isBoolean() && set(() -> b.hidden(v.booleanValue()));
                case "agentType" -> v.isTextual() && set(() -> b.agentType(v.textValue()));
                case "isUserInitiated" -> v.isBoolean() && set(() -> b.isUserInitiated(v.booleanValue()));
                case "isPinned" -> v.isBoolean() && set(() -> b.isPinned(v.booleanValue()));
                case "manualParentSessionId" -> v.isTextual() && set(() -> b.manualParentSessionId(v.textValue()));
                case "label" -> v.isTextual() && set(() -> b.label(v.textValue()));
                case "model" -> v.isTextual() && set(() -> b.model(v.textValue()));
                case "transcriptPath" -> v.isTextual() && set(() -> b.transcriptPath(v.textValue()));
                default -> false;
            };
            if (!kept) {
                extra.put(k, v);
            }
        }
        return b.extra(extra).build();
    }

    /** The session in upstream's wire form, members in upstream's order, unknown members last. */
    public static ObjectNode toJson(SessionMeta s) {
        ObjectNode o = NODES.objectNode();
        o.put("sessionId", s.sessionId());
        o.put("machineId", s.machineId());
        o.put("workingDirectory", s.workingDirectory());
        o.put("startTime", s.startTime());
        if (s.endTime() != null) {
            o.put("endTime", s.endTime());
        }
        o.put("status", s.status().value());
        putIfPresent(o, "parentSessionId", s.parentSessionId());
        if (s.childSessionIds() != null) {
            ArrayNode a = o.putArray("childSessionIds");
            s.childSessionIds().forEach(a::add);
        }
        if (s.tokenUsage() != null) {
            o.set("tokenUsage", toJson(s.tokenUsage()));
        }
        if (s.hidden() != null) {
            o.put("hidden", s.hidden());
        }
        putIfPresent(o, "agentType", s.agentType());
        if (s.isUserInitiated() != null) {
            o.put("isUserInitiated", s.isUserInitiated());
        }
        if (s.isPinned() != null) {
            o.put("isPinned", s.isPinned());
        }
        putIfPresent(o, "manualParentSessionId", s.manualParentSessionId());
        putIfPresent(o, "label", s.label());
        putIfPresent(o, "model", s.model());
        putIfPresent(o, "transcriptPath", s.transcriptPath());
        putExtra(o, s.extra());
        return o;
    }

    /** Token usage in upstream's wire form. */
    public static ObjectNode toJson(TokenUsage t) {
        ObjectNode o = NODES.objectNode();
        o.put("totalInput", t.totalInput());
        o.put("totalOutput", t.totalOutput());
        if (t.totalCacheRead() != null) {
            o.put("totalCacheRead", t.totalCacheRead());
        }
        if (t.totalCacheCreation() != null) {
            o.put("totalCacheCreation", t.totalCacheCreation());
        }
        putExtra(o, t.extra());
        return o;
    }

    /** The session as upstream writes {@code meta.json}: {@code JSON.stringify(session, null, 2)}. */
    public static byte[] toMetaJson(SessionMeta s) {
        return toUpstreamPretty(toJson(s));
    }

    /**
     * Applies a patch: each named member is replaced, a JSON {@code null} removes it.
     *
     * @throws InvalidRecordException when the patch changes the session id or leaves the session invalid
     */
    public static SessionMeta apply(SessionMeta session, SessionPatch patch) {
        ObjectNode o = toJson(session);
        for (Map.Entry<String, JsonNode> c : patch.changes().entrySet()) {
            if (c.getKey().equals("sessionId")
                    && !(c.getValue().isTextual() && c.getValue().textValue().equals(session.sessionId()))) {
                throw new InvalidRecordException(session.sessionId(), "sessionId", "a patch cannot change the id");
            }
            if (c.getValue().isNull()) {
                o.remove(c.getKey());
            } else {
                o.set(c.getKey(), c.getValue());
            }
        }
        return readSession(o);
    }

    // ---------------------------------------------------------------- helpers

    private static TokenUsage tokenUsage(JsonNode v) {
        if (!v.isObject()) {
            return null;
        }
        Long in = exactLong(v.get("totalInput"));
        Long out = exactLong(v.get("totalOutput"));
        if (in == null || out == null) {
            return null;
        }
        Long cacheRead = null;
        Long cacheCreation = null;
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Long n = exactLong(f.getValue());
            switch (f.getKey()) {
                case "totalInput", "totalOutput" -> { }
                case "totalCacheRead" -> {
                    if (n != null) {
                        cacheRead = n;
                    } else {
                        extra.put(f.getKey(), f.getValue());
                    }
                }
                case "totalCacheCreation" -> {
                    if (n != null) {
                        cacheCreation = n;
                    } else {
                        extra.put(f.getKey(), f.getValue());
                    }
                }
                default -> extra.put(f.getKey(), f.getValue());
            }
        }
        return new TokenUsage(in, out, cacheRead, cacheCreation, extra);
    }

    private static List<String> stringList(JsonNode v) {
        if (!v.isArray()) {
            return null;
        }
        List<String> list = new ArrayList<>(v.size());
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                return null;
            }
            list.add(item.textValue());
        }
        return list;
    }

    private static boolean set(Runnable r) {
        r.run();
        return true;
    }

    private static String requiredText(JsonNode node, String field, String id) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new InvalidRecordException(id, field, "must be a string, found " + kind(v));
        }
        if (v.textValue().isEmpty() && (field.equals("id") || field.equals("sessionId"))) {
            throw new InvalidRecordException(id, field, "must not be empty");
        }
        return v.textValue();
    }

    private static long requiredLong(JsonNode node, String field, String id) {
        JsonNode v = node.get(field);
        Long n = exactLong(v);
        if (n == null) {
            throw new InvalidRecordException(id, field,
                    "must be a whole number of milliseconds within 64 bits, found " + kind(v));
        }
        return n;
    }

    /** The value as a long when it is a number with an integral value that fits, else {@code null}. */
    private static Long exactLong(JsonNode v) {
        if (v == null || !v.isNumber()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            BigInteger big = v.bigIntegerValue();
            return big.bitLength() < 64 ? big.longValue() : null;
        }
        try {
            return v.decimalValue().longValueExact();
        } catch (ArithmeticException notIntegral) {
            return null;
        }
    }

    private static void putIfPresent(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static void putExtra(ObjectNode o, Map<String, JsonNode> extra) {
        extra.forEach((k, v) -> {
            if (!o.has(k)) {
                o.set(k, v);
            }
        });
    }

    private static String kind(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        return switch (v.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "the number " + abbreviate(v.toString());
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> v.getNodeType().toString().toLowerCase();
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static DefaultPrettyPrinter upstreamPrettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }

    /** Writes a JSON value to a generator (used by streaming writers that share this mapper's settings). */
    public static void write(JsonGenerator generator, JsonNode node) throws IOException {
        MAPPER.writeTree(generator, node);
    }
}
