package io.contextuate.monitor.sql.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Which strings SQL text and JSON columns can hold exactly. PostgreSQL refuses U+0000 in text and {@code \u0000} in
 * JSONB, and UTF-8 (every server's wire encoding here) cannot carry an unpaired surrogate, so a string holding either
 * is "unsafe": a record containing one is kept verbatim in {@code record_json}, and its typed columns receive the
 * {@linkplain #sanitize(String) sanitized} text (each offending character replaced by U+FFFD) for queries only.
 */
public final class SqlText {

    static final char REPLACEMENT = '\uFFFD';

    private SqlText() {
    }

    /** Whether a string can be stored exactly in a text column. */
    public static boolean isSafe(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every string and member name in a JSON value can be stored exactly (see {@link #isSafe(String)}). */
    public static boolean isSafe(JsonNode node) {
        if (node.isTextual()) {
            return isSafe(node.textValue());
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!isSafe(f.getKey()) || !isSafe(f.getValue())) {
                    return false;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (!isSafe(item)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether JSON text written by {@link MonitorJson} holds only strings a JSON column can store: it has no
     * {@code \u0000} escape and no escaped surrogate (MonitorJson writes whole characters as UTF-8, so an escaped
     * surrogate is always a lone one).
     */
    public static boolean isSafeJson(String json) {
        int from = 0;
        while (true) {
            int i = json.indexOf("\\u", from);
            if (i < 0) {
                return true;
            }
            if (isEscape(json, i) && i + 6 <= json.length()) {
                String hex = json.substring(i + 2, i + 6);
                if (hex.equals("0000") || isSurrogateHex(hex)) {
                    return false;
                }
            }
            from = i + 2;
        }
    }

    /**
     * Whether UTF-8 JSON text (one well-formed JSON value, as a parser accepted it) can be stored exactly as it is:
     * it is valid UTF-8 (no overlong form, no encoded surrogate, nothing past U+10FFFF), and has no {@code \u0000}
     * escape and no escaped surrogate (paired ones too: rare, and then the text is written anew).
     */
    public static boolean isSafeJson(byte[] json) {
        for (int i = 0, n = json.length; i < n; ) {
            if (i + ByteWords.SIZE <= n) {
                long word = ByteWords.at(json, i);
                if (ByteWords.isAscii(word) && !ByteWords.has(word, '\\')) {
                    i += ByteWords.SIZE;
                    continue;
                }
            }
            int b = json[i];
            if (b >= 0) { // ASCII
                if (b == '\\') {
                    if (i + 1 < n && json[i + 1] == 'u') {
                        if (i + 5 >= n || isUnsafeEscape(json[i + 2], json[i + 3], json[i + 4], json[i + 5])) {
                            return false;
                        }
                        i += 6;
                    } else {
                        i += 2;
                    }
                } else {
                    i++;
                }
                continue;
            }
            int length = utf8SequenceLength(json, i);
            if (length == 0) {
                return false;
            }
            i += length;
        }
        return true;
    }

    /** The length of the valid UTF-8 sequence that starts with a non-ASCII byte at {@code i}, or 0 if none does. */
    private static int utf8SequenceLength(byte[] s, int i) {
        int b0 = s[i] & 0xff;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            return continuation(s, i + 1) ? 2 : 0;
        }
        if (b0 >= 0xE0 && b0 <= 0xEF) {
            if (i + 2 >= s.length || !continuation(s, i + 1) || !continuation(s, i + 2)) {
                return 0;
            }
            int b1 = s[i + 1] & 0xff;
            boolean overlong = b0 == 0xE0 && b1 < 0xA0;
            boolean surrogate = b0 == 0xED && b1 >= 0xA0;
            return overlong || surrogate ? 0 : 3;
        }
        if (b0 >= 0xF0 && b0 <= 0xF4) {
            if (i + 3 >= s.length || !continuation(s, i + 1) || !continuation(s, i + 2) || !continuation(s, i + 3)) {
                return 0;
            }
            int b1 = s[i + 1] & 0xff;
            boolean overlong = b0 == 0xF0 && b1 < 0x90;
            boolean tooHigh = b0 == 0xF4 && b1 >= 0x90;
            return overlong || tooHigh ? 0 : 4;
        }
        return 0;
    }

    private static boolean continuation(byte[] s, int i) {
        return i < s.length && (s[i] & 0xC0) == 0x80;
    }

    private static boolean isUnsafeEscape(byte h0, byte h1, byte h2, byte h3) {
        boolean nul = h0 == '0' && h1 == '0' && h2 == '0' && h3 == '0';
        boolean surrogate = (h0 == 'd' || h0 == 'D') && (h1 >= '8' && h1 <= '9' || h1 >= 'a' && h1 <= 'f'
                || h1 >= 'A' && h1 <= 'F');
        return nul || surrogate;
    }

    /** The string with U+0000 and every unpaired surrogate replaced by U+FFFD. */
    public static String sanitize(String s) {
        if (isSafe(s)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                b.append(REPLACEMENT);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append(REPLACEMENT);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A deep copy of a JSON value with every string and member name {@linkplain #sanitize(String) sanitized}. */
    public static JsonNode sanitize(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(sanitize(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode out = MonitorJson.newObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                out.set(sanitize(f.getKey()), sanitize(f.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>(node.size());
            node.elements().forEachRemaining(item -> items.add(sanitize(item)));
            ArrayNode out = MonitorJson.mapper().createArrayNode();
            out.addAll(items);
            return out;
        }
        return node;
    }

    private static boolean isEscape(String json, int backslashAt) {
        int count = 0;
        for (int i = backslashAt; i >= 0 && json.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 1;
    }

    private static boolean isSurrogateHex(String hex) {
        char c0 = Character.toUpperCase(hex.charAt(0));
        char c1 = Character.toUpperCase(hex.charAt(1));
        return c0 == 'D' && c1 >= '8' && c1 <= 'F';
    }
}
