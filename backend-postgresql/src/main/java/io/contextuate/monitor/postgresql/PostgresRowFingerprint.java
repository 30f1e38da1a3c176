package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.sql.EventRow;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.OptionalLong;

/**
 * The fingerprint of an events row, made on the client exactly as {@link PostgresFingerprintStatements} makes it on
 * the server: the first 64 bits of the MD5 of the columns {@code id, session_id, timestamp, parent_session_id,
 * machine_id, working_directory, event_type, event_type_other, hook_type, hook_type_other, data, extra,
 * record_json} joined by the character U+001F, each as the server's text of it (the timestamp in decimal, the
 * {@code jsonb} columns as {@link JsonbText}), a nullable column's value after a {@code v} and a NULL as {@code n}.
 */
final class PostgresRowFingerprint {

    private static final byte SEPARATOR = 0x1F;
    private static final byte[] VALUE = {'v'};
    private static final byte[] NULL = {'n'};

    private PostgresRowFingerprint() {
    }

    /** The fingerprint of the row; empty when its JSON is beyond what the client can render as the server does. */
    static OptionalLong of(EventRow r) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            return OptionalLong.empty(); // a runtime without MD5 (FIPS mode): compared another way
        }
        byte[] data;
        byte[] extra;
        try {
            data = JsonbText.of(r.data().utf8());
            extra = r.extra() == null ? null : JsonbText.of(r.extra());
        } catch (RuntimeException beyondTheParser) {
            return OptionalLong.empty();
        }
        md5.update(utf8(r.id()));
        next(md5, utf8(r.sessionId()));
        next(md5, utf8(Long.toString(r.timestamp())));
        nullable(md5, utf8(r.parentSessionId()));
        next(md5, utf8(r.machineId()));
        next(md5, utf8(r.workingDirectory()));
        nullable(md5, utf8(r.eventType()));
        nullable(md5, utf8(r.eventTypeOther()));
        nullable(md5, utf8(r.hookType()));
        nullable(md5, utf8(r.hookTypeOther()));
        next(md5, data);
        nullable(md5, extra);
        nullable(md5, utf8(r.recordJson()));
        return OptionalLong.of(ByteBuffer.wrap(md5.digest()).getLong());
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static void next(MessageDigest md5, byte[] value) {
        md5.update(SEPARATOR);
        md5.update(value);
    }

    private static void nullable(MessageDigest md5, byte[] value) {
        md5.update(SEPARATOR);
        if (value == null) {
            md5.update(NULL);
        } else {
            md5.update(VALUE);
            md5.update(value);
        }
    }
}
