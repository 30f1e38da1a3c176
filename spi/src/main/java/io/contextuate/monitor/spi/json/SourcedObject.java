package io.contextuate.monitor.spi.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object read from UTF-8 text that keeps the text it was read from, so that a store writing JSON text can
 * write {@link #source()} instead of serialising the tree again. {@link MonitorJson#readEvent(byte[])} reads an
 * event's {@code data} as one.
 *
 * <p>The text is checked when it is read, but its tree is built only when something asks for it (a member, its
 * size, its JSON written anew): a store that writes the text never pays for a tree. The text is the object exactly
 * as it stood in its input (white space and escapes included): JSON-equal to the tree, but not always the text
 * {@link MonitorJson} would write. It stays the tree's text only while the tree is not changed, which the model
 * rules out for an event's data ({@link io.contextuate.monitor.spi.model.MonitorEvent}). Equality and hashing are
 * the tree's, as for any {@link ObjectNode}; a {@linkplain #deepCopy() copy} is a plain {@code ObjectNode}.
 */
public final class SourcedObject extends ObjectNode {

    private static final long serialVersionUID = 1L;

    private final transient byte[] input;
    private final transient int from;
    private final transient int to;

    private SourcedObject(JsonNodeFactory nodes, byte[] input, int from, int to) {
        super(nodes, new MembersOnDemand(input, from, to));
        this.input = input;
        this.from = from;
        this.to = to;
    }

    /** The object whose text is {@code input[from, to)}, which the caller checked is one well-formed object. */
    static SourcedObject of(JsonNodeFactory nodes, byte[] input, int from, int to) {
        return new SourcedObject(nodes, input, from, to);
    }

    /** The object's UTF-8 JSON text as it was read (a copy). */
    public byte[] source() {
        return Arrays.copyOfRange(input, from, to);
    }

    /** The length of {@link #source()} in bytes. */
    public int sourceLength() {
        return to - from;
    }

    /** The members, parsed from the text the first time any is asked for (from any thread). */
    private static final class MembersOnDemand implements Map<String, JsonNode> {

        private final byte[] input;
        private final int from;
        private final int to;
        private volatile Map<String, JsonNode> members;

        MembersOnDemand(byte[] input, int from, int to) {
            this.input = input;
            this.from = from;
            this.to = to;
        }

        private Map<String, JsonNode> members() {
            Map<String, JsonNode> m = members;
            if (m == null) {
                synchronized (this) {
                    m = members;
                    if (m == null) {
                        m = parse();
                        members = m;
                    }
                }
            }
            return m;
        }

        private Map<String, JsonNode> parse() {
            ObjectNode tree;
            try {
                tree = MonitorJson.parseObject(input, from, to - from);
            } catch (IOException e) { // checked when read: the text cannot have changed since, unless its owner did
                throw new IllegalStateException("the JSON text of an object changed after it was read", e);
            }
            Map<String, JsonNode> parsed = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> member : tree.properties()) {
                parsed.put(member.getKey(), member.getValue());
            }
            return parsed;
        }

        @Override
        public int size() {
            return members().size();
        }

        @Override
        public boolean isEmpty() {
            return members().isEmpty();
        }

        @Override
        public boolean containsKey(Object key) {
            return members().containsKey(key);
        }

        @Override
        public boolean containsValue(Object value) {
            return members().containsValue(value);
        }

        @Override
        public JsonNode get(Object key) {
            return members().get(key);
        }

        @Override
        public JsonNode put(String key, JsonNode value) {
            return members().put(key, value);
        }

        @Override
        public JsonNode remove(Object key) {
            return members().remove(key);
        }

        @Override
        public void putAll(Map<? extends String, ? extends JsonNode> m) {
            members().putAll(m);
        }

        @Override
        public void clear() {
            members().clear();
        }

        @Override
        public Set<String> keySet() {
            return members().keySet();
        }

        @Override
        public Collection<JsonNode> values() {
            return members().values();
        }

        @Override
        public Set<Entry<String, JsonNode>> entrySet() {
            return members().entrySet();
        }

        @Override
        public boolean equals(Object o) {
            return o == this || members().equals(o);
        }

        @Override
        public int hashCode() {
            return members().hashCode();
        }

        @Override
        public String toString() {
            return members().toString();
        }
    }
}
