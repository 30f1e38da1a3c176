package io.contextuate.monitor.spi.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The canonical form of a JSON value, which defines "JSON-equal" for the whole project: object members sorted by
 * name, numbers compared by value (so {@code 1}, {@code 1.0} and {@code 1e0} are one number), no whitespace.
 * Two values are JSON-equal when their canonical bytes are equal.
 */
public final class CanonicalJson {

    private static final JsonFactory FACTORY = MonitorJson.mapper().getFactory();
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    });

    private CanonicalJson() {
    }

    /** The canonical UTF-8 bytes of a value. */
    public static byte[] bytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Whether two values are JSON-equal. */
    public static boolean equal(JsonNode a, JsonNode b) {
        return java.util.Arrays.equals(bytes(a), bytes(b));
    }

    /** The SHA-256 of the canonical bytes, in lower-case hex: a digest for comparing records across stores. */
    public static String sha256(JsonNode node) {
        MessageDigest sha = SHA_256.get();
        sha.reset();
        // the canonical form goes straight into the digest, never into a byte array of its own
        try (JsonGenerator g = FACTORY.createGenerator(new DigestOutputStream(OutputStream.nullOutputStream(), sha))) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void write(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(n.size());
                n.fieldNames().forEachRemaining(names::add);
                names.sort(null);
                g.writeStartObject();
                for (String name : names) {
                    g.writeFieldName(name);
                    write(g, n.get(name));
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                    write(g, it.next());
                }
                g.writeEndArray();
            }
            case NUMBER -> g.writeNumber(normalize(n));
            case STRING -> g.writeString(n.textValue());
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NULL -> g.writeNull();
            default -> throw new IllegalArgumentException("not a JSON value: " + n.getNodeType());
        }
    }

    private static String normalize(JsonNode number) {
        BigDecimal d = number.isBigDecimal() || number.isIntegralNumber()
                ? number.decimalValue()
                : new BigDecimal(Double.toString(number.doubleValue()));
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toString();
    }
}
