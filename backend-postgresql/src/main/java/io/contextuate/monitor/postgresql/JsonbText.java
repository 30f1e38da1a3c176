package io.contextuate.monitor.postgresql;

import com.fasterxml.jackson.core.JsonParser;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The text PostgreSQL gives back for a JSON value it keeps as {@code jsonb} ({@code jsonb::text}), made on the client
 * from the JSON text it was given: an object's members sorted by the length of their names in UTF-8 bytes, then by
 * those bytes, a repeated name keeping its last value; {@code ", "} and {@code ": "} between items; strings with
 * {@code "}, {@code \}, backspace, form feed, line feed, carriage return and tab escaped as two characters, the other
 * control characters as {@code \}{@code u00xx} and everything else as itself; numbers as {@code numeric} prints them
 * (no exponent, the digits after the point the input implied).
 *
 * <p>It works on the UTF-8 bytes of JSON a parser has accepted (a payload as read): a string whose escapes are all of
 * the two-character kind jsonb writes is copied as it is, and only the others (a {@code \}{@code u} escape, an escaped
 * solidus) are decoded, by the JSON parser, and escaped anew. Text that is not JSON gives an exception or text the
 * server would not give, never a false match worth more than a checksum's.
 */
final class JsonbText {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final byte[] in;
    private int at;
    private byte[] out;
    private int size;

    private JsonbText(byte[] json) {
        this.in = json;
        this.out = new byte[json.length + 16];
    }

    /** The jsonb text, in UTF-8, of the JSON value in {@code json} (UTF-8). */
    static byte[] of(byte[] json) {
        JsonbText text = new JsonbText(json);
        text.value();
        text.skipWhitespace();
        if (text.at != json.length) {
            throw new IllegalArgumentException("not one JSON value: more after position " + text.at);
        }
        return Arrays.copyOf(text.out, text.size);
    }

    /** The jsonb text, in UTF-8, of the JSON value in {@code json}. */
    static byte[] of(String json) {
        return of(json.getBytes(StandardCharsets.UTF_8));
    }

    private void value() {
        skipWhitespace();
        switch (in[at]) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal(TRUE);
            case 'f' -> literal(FALSE);
            case 'n' -> literal(NULL);
            default -> number();
        }
    }

    private void array() {
        at++;
        put('[');
        skipWhitespace();
        if (in[at] == ']') {
            at++;
        } else {
            while (true) {
                value();
                skipWhitespace();
                byte b = in[at++];
                if (b == ']') {
                    break;
                }
                expect(b, ',');
                put(',');
                put(' ');
            }
        }
        put(']');
    }

    /** Renders the members in the order given, then writes them out again in jsonb's order. */
    private void object() {
        at++;
        skipWhitespace();
        if (in[at] == '}') {
            at++;
            put('{');
            put('}');
            return;
        }
        int start = size;
        List<Member> members = new ArrayList<>();
        while (true) {
            skipWhitespace();
            int from = size;
            string();
            byte[] name = name(from, size);
            skipWhitespace();
            expect(in[at++], ':');
            put(':');
            put(' ');
            value();
            members.add(new Member(name, from - start, size - start));
            skipWhitespace();
            byte b = in[at++];
            if (b == '}') {
                break;
            }
            expect(b, ',');
        }
        byte[] rendered = Arrays.copyOfRange(out, start, size);
        size = start;
        members.sort(Member.JSONB_ORDER); // stable: of equal names, the last given comes last
        put('{');
        boolean first = true;
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (i + 1 < members.size() && Arrays.equals(m.name(), members.get(i + 1).name())) {
                continue; // a repeated name keeps its last value
            }
            if (!first) {
                put(',');
                put(' ');
            }
            first = false;
            put(rendered, m.from(), m.to());
        }
        put('}');
    }

    /** The decoded UTF-8 bytes of the name rendered (quoted, escaped) in {@code out} from {@code from} to {@code to}. */
    private byte[] name(int from, int to) {
        for (int i = from + 1; i < to - 1; i++) {
            if (out[i] == '\\') {
                return decoded(out, from, to).getBytes(StandardCharsets.UTF_8);
            }
        }
        return Arrays.copyOfRange(out, from + 1, to - 1);
    }

    private void string() {
        int from = at;
        expect(in[at++], '"');
        boolean asJsonbWritesIt = true;
        while (in[at] != '"') {
            if (in[at] == '\\') {
                byte escaped = in[at + 1];
                asJsonbWritesIt &= escaped != 'u' && escaped != '/';
                at += 2;
            } else {
                at++;
            }
        }
        at++;
        if (asJsonbWritesIt) {
            put(in, from, at);
        } else {
            escaped(decoded(in, from, at));
        }
    }

    /** The string a JSON string token (quotes included) stands for, as the parser decodes it. */
    private static String decoded(byte[] bytes, int from, int to) {
        try (JsonParser p = MonitorJson.mapper().getFactory().createParser(bytes, from, to - from)) {
            p.nextToken();
            return p.getText();
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON string at position " + from, e);
        }
    }

    private void escaped(String s) {
        put('"');
        StringBuilder plain = new StringBuilder(s.length());
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            String escape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> c < ' ' ? "\\u00" + (char) HEX[c >> 4] + (char) HEX[c & 0xF] : null;
            };
            if (escape == null) {
                plain.append(c);
            } else {
                plain.append(escape);
            }
        }
        byte[] utf8 = plain.toString().getBytes(StandardCharsets.UTF_8);
        put(utf8, 0, utf8.length);
        put('"');
    }

    private void number() {
        int from = at;
        boolean integer = true;
        while (at < in.length && isNumberByte(in[at])) {
            integer &= in[at] != '.' && in[at] != 'e' && in[at] != 'E';
            at++;
        }
        if (from == at) {
            throw new IllegalArgumentException("not a JSON value at position " + from);
        }
        if (integer && !(at - from == 2 && in[from] == '-' && in[from + 1] == '0')) {
            put(in, from, at);
        } else {
            // numeric keeps the digits after the point that the input implies, prints no exponent, and has no -0
            byte[] plain = new BigDecimal(new String(in, from, at - from, StandardCharsets.US_ASCII)).toPlainString()
                    .getBytes(StandardCharsets.US_ASCII);
            put(plain, 0, plain.length);
        }
    }

    private static boolean isNumberByte(byte b) {
        return (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }

    private void literal(byte[] literal) {
        if (!Arrays.equals(in, at, at + literal.length, literal, 0, literal.length)) {
            throw new IllegalArgumentException("not a JSON value at position " + at);
        }
        at += literal.length;
        put(literal, 0, literal.length);
    }

    private void skipWhitespace() {
        while (at < in.length && (in[at] == ' ' || in[at] == '\n' || in[at] == '\r' || in[at] == '\t')) {
            at++;
        }
    }

    private void expect(byte b, char expected) {
        if (b != expected) {
            throw new IllegalArgumentException("not JSON: '" + expected + "' expected at position " + (at - 1));
        }
    }

    private void put(int b) {
        if (size == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[size++] = (byte) b;
    }

    private void put(byte[] bytes, int from, int to) {
        int n = to - from;
        if (size + n > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + n));
        }
        System.arraycopy(bytes, from, out, size, n);
        size += n;
    }

    /** An object member: its decoded name, and where it lies ({@code "name": value}) in the rendered members. */
    private record Member(byte[] name, int from, int to) {
        static final Comparator<Member> JSONB_ORDER = Comparator.<Member>comparingInt(m -> m.name().length)
                .thenComparing(Member::name, Arrays::compareUnsigned);
    }
}
