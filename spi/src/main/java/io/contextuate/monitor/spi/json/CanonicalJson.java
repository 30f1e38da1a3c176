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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The canonical form of a JSON value, which defines "JSON-equal" for the whole project: object members sorted by
 * name, numbers compared by value (so {@code 1}, {@code 1.0} and {@code 1e0} are one number), no whitespace.
 * Two values are JSON-equal when their canonical bytes are equal.
 */
public final class CanonicalJson {

    private static final JsonFactory FACTORY = MonitorJson.mapper().getFactory();
    private static final ThreadLocal<TreeDigest> SHA256 = ThreadLocal.withInitial(() -> new TreeDigest(new Sha256()));
    private static final ThreadLocal<TreeDigest> CHECKSUM = ThreadLocal.withInitial(() -> new TreeDigest(new Crc64()));

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
        return Arrays.equals(bytes(a), bytes(b));
    }

    /**
     * A SHA-256 digest of the value's canonical form, in lower-case hex: for comparing records across stores. Two
     * values have the same digest exactly when they are JSON-equal (up to SHA-256 collisions). It is taken from the
     * tree (sorted members, numbers as in the canonical form, strings as their UTF-16 code units, every part tagged
     * and counted), not from the canonical text, which would escape every string only to hash it.
     */
    public static String sha256(JsonNode node) {
        return SHA256.get().of(node);
    }

    /**
     * A 64-bit checksum of the value's canonical form, in lower-case hex: CRC-32C and CRC-32 of the same encoding as
     * {@link #sha256}, side by side. JSON-equal values have the same checksum; values that differ by accident (a
     * truncated string, a lost member, a changed number) have different ones but for odds of about 2^-64, as with the
     * CRC-32C checks HDFS, Kafka and cloud object stores verify copies with. Unlike SHA-256 it is no defence against
     * a collision made on purpose; it costs a small fraction of SHA-256, also where the JIT compiler does not
     * replace SHA-256 with the processor's own instructions.
     */
    public static String checksum(JsonNode node) {
        return CHECKSUM.get().of(node);
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

    /** Where {@link TreeDigest} sends its bytes: a digest or checksum, taken and reset by {@link #finish}. */
    private interface Sink {
        void update(byte[] bytes, int from, int length);

        byte[] finish();
    }

    private static final class Sha256 implements Sink {
        private final MessageDigest sha;

        Sha256() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
            }
        }

        @Override
        public void update(byte[] bytes, int from, int length) {
            sha.update(bytes, from, length);
        }

        @Override
        public byte[] finish() {
            return sha.digest();
        }
    }

    /** CRC-32C and CRC-32: two different polynomials, so 64 bits; both are processor instructions on every tier. */
    private static final class Crc64 implements Sink {
        private final CRC32C crc32c = new CRC32C();
        private final CRC32 crc32 = new CRC32();

        @Override
        public void update(byte[] bytes, int from, int length) {
            crc32c.update(bytes, from, length);
            crc32.update(bytes, from, length);
        }

        @Override
        public byte[] finish() {
            long c = crc32c.getValue();
            long d = crc32.getValue();
            crc32c.reset();
            crc32.reset();
            byte[] out = new byte[8];
            for (int i = 0; i < 4; i++) {
                out[i] = (byte) (c >>> (24 - 8 * i));
                out[4 + i] = (byte) (d >>> (24 - 8 * i));
            }
            return out;
        }
    }

    /**
     * Feeds a tree into a sink in an encoding that no two different canonical forms share: every part tagged, every
     * object, array and string counted, object members sorted by name, strings as their UTF-16 code units.
     */
    private static final class TreeDigest {
        private final Sink sink;
        private final Encoding out;

        TreeDigest(Sink sink) {
            this.sink = sink;
            this.out = new Encoding(sink);
        }

        String of(JsonNode node) {
            try {
                value(node);
                out.flush();
                return HexFormat.of().formatHex(sink.finish());
            } catch (RuntimeException e) {
                out.reset(); // ready for the next value
                sink.finish();
                throw e;
            }
        }

        private void value(JsonNode n) {
            switch (n.getNodeType()) {
                case OBJECT -> {
                    List<String> names = new ArrayList<>(n.size());
                    n.fieldNames().forEachRemaining(names::add);
                    names.sort(null);
                    out.tag('{', names.size());
                    for (String name : names) {
                        out.string(name);
                        value(n.get(name));
                    }
                }
                case ARRAY -> {
                    out.tag('[', n.size());
                    for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                        value(it.next());
                    }
                }
                case NUMBER -> {
                    out.put('#');
                    out.string(normalize(n));
                }
                case STRING -> {
                    out.put('"');
                    out.string(n.textValue());
                }
                case BOOLEAN -> out.put(n.booleanValue() ? 't' : 'f');
                case NULL -> out.put('n');
                default -> throw new IllegalArgumentException("not a JSON value: " + n.getNodeType());
            }
        }
    }

    /** The encoding's bytes, gathered in a buffer of fixed size that goes to the sink whenever it is full. */
    private static final class Encoding {
        private static final int CHUNK = 4096;

        private final Sink sink;
        private final char[] chars = new char[CHUNK];
        private final byte[] bytes = new byte[2 * CHUNK + 16];
        private int size;

        Encoding(Sink sink) {
            this.sink = sink;
        }

        void put(char ascii) {
            room(1);
            bytes[size++] = (byte) ascii;
        }

        void tag(char kind, int count) {
            put(kind);
            count(count);
        }

        void count(int n) {
            room(4);
            bytes[size++] = (byte) (n >>> 24);
            bytes[size++] = (byte) (n >>> 16);
            bytes[size++] = (byte) (n >>> 8);
            bytes[size++] = (byte) n;
        }

        /** The length, then each UTF-16 code unit: lone surrogates stay themselves. */
        void string(String s) {
            int length = s.length();
            count(length);
            for (int from = 0; from < length; from += CHUNK) {
                int n = Math.min(CHUNK, length - from);
                s.getChars(from, from + n, chars, 0);
                room(2 * n);
                for (int i = 0; i < n; i++) {
                    bytes[size++] = (byte) (chars[i] >>> 8);
                    bytes[size++] = (byte) chars[i];
                }
            }
        }

        void flush() {
            sink.update(bytes, 0, size);
            size = 0;
        }

        /** Drops what is gathered, not sent. */
        void reset() {
            size = 0;
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                flush();
            }
        }
    }
}
