package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.ReadProblem;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.util.Locale;
import java.util.Objects;

/**
 * A record the migration could not carry over, kept with its original bytes so that nothing is lost.
 *
 * @param kind      why it is here: unreadable in the source, refused by the target, or invalid (dry run)
 * @param location  where it came from: the source file, or the store's description
 * @param line      the 1-based line in {@code location}, 0 when lines do not apply
 * @param sessionId the session it belongs to, or {@code null} when not known
 * @param recordId  the event id (or the session id for a session record), or {@code null} when not known
 * @param record    whether it is a session record or an event, when known
 * @param reason    why, for a person
 * @param content   the original bytes, exactly
 */
public record Reject(Kind kind, String location, long line, String sessionId, String recordId, RecordType record,
                     String reason, byte[] content) {

    /** Why a record was rejected. */
    public enum Kind {
        /** The source could not read it (a malformed line, an unreadable meta.json). */
        UNREADABLE,
        /** The target refused it (an id too long for a column, a value it cannot keep). */
        REFUSED,
        /** It was read but does not survive the JSON mapping (found by a dry run). */
        INVALID
    }

    /** What a rejected record was. */
    public enum RecordType {
        SESSION, EVENT, UNKNOWN
    }

    public Reject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        location = location == null ? "" : location;
        record = record == null ? RecordType.UNKNOWN : record;
        content = content == null ? new byte[0] : content;
    }

    /** What the source could not read, where it met it. */
    static Reject unreadable(ReadProblem p, RecordType type) {
        return new Reject(Kind.UNREADABLE, p.location(), p.line(), p.sessionId(), null, type, p.reason(),
                p.content());
    }

    /** An event the target refused, with its wire form. */
    static Reject refusedEvent(String target, MonitorEvent e, String reason) {
        return new Reject(Kind.REFUSED, target, 0, e.sessionId(), e.id(), RecordType.EVENT, reason,
                MonitorJson.toLine(e));
    }

    /** One line for people: kind, where, and why. */
    public String describe() {
        String where = line > 0 ? location + ":" + line : location;
        String what = recordId == null ? "" : " " + record.name().toLowerCase(Locale.ROOT) + " " + recordId;
        return kind.name().toLowerCase(Locale.ROOT) + what + " (" + where + "): " + reason;
    }
}
