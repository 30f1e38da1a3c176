package io.contextuate.monitor.sql;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The text of a JSON column, held in the form it was made from: a string (a column read back, a tree written anew)
 * or UTF-8 bytes (a payload as it was read from a file), so that a bulk load writes the bytes it was given instead of
 * decoding them to a string and encoding them again. Either way it is one JSON value; equal when the texts are.
 */
public final class JsonText {

    private final byte[] utf8;
    private String text;

    private JsonText(byte[] utf8, String text) {
        this.utf8 = utf8;
        this.text = text;
    }

    /** JSON text held as a string. */
    public static JsonText of(String json) {
        return new JsonText(null, Objects.requireNonNull(json, "json"));
    }

    /** JSON text held as UTF-8 bytes, which are the text's from now on: the caller must not change them. */
    public static JsonText ofUtf8(byte[] json) {
        return new JsonText(Objects.requireNonNull(json, "json"), null);
    }

    /** Its length: in bytes when it is held as UTF-8, else in characters (a size for batching by bytes). */
    public int length() {
        return utf8 != null ? utf8.length : text.length();
    }

    /**
     * The text as UTF-8: the bytes it is held as (shared, not copied: do not change them), or the string encoded
     * anew, for encoders that write bytes (a bulk load).
     */
    public byte[] utf8() {
        return utf8 != null ? utf8 : text.getBytes(StandardCharsets.UTF_8);
    }

    /** The text (decoded once, when it is held as UTF-8). */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = new String(utf8, StandardCharsets.UTF_8);
            text = t;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonText other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
