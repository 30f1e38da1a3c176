package io.contextuate.monitor.spi;

/**
 * Something a store could not read and skipped, reported instead of failing the read: a malformed line in an
 * events file, a cut-short last line, an unreadable {@code meta.json}, a row that does not map to a record.
 *
 * @param location  where it is: a file path, or a table and key
 * @param line      the 1-based line number in {@code location}, or 0 when lines do not apply
 * @param sessionId the session it belongs to, or {@code null} when not known
 * @param reason    why it was skipped, for a person
 * @param content   the original bytes, so nothing is lost (may be empty, never {@code null})
 */
public record ReadProblem(String location, long line, String sessionId, String reason, byte[] content) {

    public ReadProblem {
        content = content == null ? new byte[0] : content;
    }

    /** A one-line description: location, line and reason. */
    public String describe() {
        return line > 0 ? location + ":" + line + ": " + reason : location + ": " + reason;
    }

    @Override
    public String toString() {
        return "ReadProblem[" + describe() + ", " + content.length + " bytes]";
    }
}
