package io.contextuate.monitor.spi.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
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
    private static final ThreadLocal<TreeDigest> DIGEST = ThreadLocal.withInitial(TreeDigest::new);

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

    /**
     * A SHA-256 digest of the value's canonical form, in lower-case hex: for comparing records across stores. Two
     * values have the same digest exactly when they are JSON-equal (up to SHA-256 collisions). It is taken from the
     * tree (sorted members, numbers as in the canonical form, strings as their UTF-16 code units, every part tagged
     * and counted), not from the canonical text, which would escape every string only to hash it.
     */
    public static String sha256(JsonNode node) {
        TreeDigest digest = DIGEST.get();
        digest.value(node);
        return HexFormat.of().formatHex(digest.sha.digest());
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

    /** Feeds a tree into SHA-256 in an encoding that no two different canonical forms share. */
    private static final class TreeDigest {
        private static final int CHUNK = 4096;

        final MessageDigest sha;
        private final char[] chars = new char[CHUNK];
        private final byte[] bytes = new byte[2 * CHUNK];

        TreeDigest() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
            }
        }

        void value(JsonNode n) {
            switch (n.getNodeType()) {
                case OBJECT -> {
                    List<String> names = new ArrayList<>(n.size());
                    n.fieldNames().forEachRemaining(names::add);
                    names.sort(null);
                    tag('{', names.size());
                    for (String name : names) {
                        string(name);
                        value(n.get(name));
                    }
                }
                case ARRAY -> {
                    tag('[', n.size());
                    for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                        value(it.next());
                    }
                }
                case NUMBER -> {
                    sha.update((byte) '#');
                    string(normalize(n));
                }
                case STRING -> {
                    sha.update((byte) '"');
                    string(n.textValue());
                }
                case BOOLEAN -> sha.update((byte) (n.booleanValue() ? 't' : 'f'));
                case NULL -> sha.update((byte) 'n');
                default -> throw new IllegalArgumentException("not a JSON value: " + n.getNodeType());
            }
        }

        private void tag(char kind, int count) {
            sha.update((byte) kind);
            count(count);
        }

        private void count(int n) {
            sha.update((byte) (n >>> 24));
            sha.update((byte) (n >>> 16));
            sha.update((byte) (n >>> 8));
            sha.update((byte) n);
        }

        /** The length, then each UTF-16 code unit: lone surrogates stay themselves. */
        private void string(String s) {
            int length = s.length();
            count(length);
            for (int from = 0; from < length; from += CHUNK) {
                int n = Math.min(CHUNK, length - from);
                s.getChars(from, from + n, chars, 0);
                for (int i = 0; i < n; i++) {
                    bytes[2 * i] = (byte) (chars[i] >>> 8);
                    bytes[2 * i + 1] = (byte) chars[i];
                }
                sha.update(bytes, 0, 2 * n);
            }
        }
    }
}
