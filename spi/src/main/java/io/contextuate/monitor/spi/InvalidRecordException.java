package io.contextuate.monitor.spi;

/**
 * A record cannot be stored as given: a required field is missing, has the wrong JSON type, or holds a value the
 * store cannot keep (an id too long for a column, a path that would leave the store's directory). The message
 * names the record, the field and the reason.
 */
public class InvalidRecordException extends StoreException {

    private final String recordId;
    private final String field;
    private final String reason;

    public InvalidRecordException(String recordId, String field, String reason) {
        super(describe(recordId, field, reason));
        this.recordId = recordId;
        this.field = field;
        this.reason = reason;
    }

    public InvalidRecordException(String recordId, String field, String reason, Throwable cause) {
        super(describe(recordId, field, reason), cause);
        this.recordId = recordId;
        this.field = field;
        this.reason = reason;
    }

    private static String describe(String recordId, String field, String reason) {
        String who = recordId == null ? "Record" : "Record '" + recordId + "'";
        return field == null ? who + ": " + reason : who + ", field '" + field + "': " + reason;
    }

    /** The id of the record (event id or session id), or {@code null} when it could not be read. */
    public String recordId() {
        return recordId;
    }

    /** The offending field, or {@code null} when the record as a whole is at fault. */
    public String field() {
        return field;
    }

    /** Why the record was refused. */
    public String reason() {
        return reason;
    }
}
