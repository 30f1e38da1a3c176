package io.contextuate.monitor.spi.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;

/**
 * A JSON object read from UTF-8 text that keeps the text it was read from, so that a store writing JSON text can
 * write {@link #source()} instead of serialising the tree again. {@link MonitorJson#readEvent(byte[])} reads an
 * event's {@code data} as one.
 *
 * <p>The text is the object exactly as it stood in its input (white space and escapes included): JSON-equal to the
 * tree, but not always the text {@link MonitorJson} would write. It stays the tree's text only while the tree is not
 * changed, which the model rules out for an event's data ({@link io.contextuate.monitor.spi.model.MonitorEvent}).
 * Equality and hashing are the tree's, as for any {@link ObjectNode}; a {@linkplain #deepCopy() copy} is a plain
 * {@code ObjectNode}.
 */
public final class SourcedObject extends ObjectNode {

    private static final long serialVersionUID = 1L;

    private final transient byte[] input;
    private final transient int from;
    private final transient int to;

    SourcedObject(JsonNodeFactory nodes, ObjectNode tree, byte[] input, int from, int to) {
        super(nodes);
        setAll(tree);
        this.input = input;
        this.from = from;
        this.to = to;
    }

    /** The object's UTF-8 JSON text as it was read (a copy). */
    public byte[] source() {
        return Arrays.copyOfRange(input, from, to);
    }

    /** The length of {@link #source()} in bytes. */
    public int sourceLength() {
        return to - from;
    }
}
