package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.InvalidRecordException;

import java.io.File;
import java.nio.charset.StandardCharsets;

/** The rule that keeps a session id one plain directory name inside {@code sessions/}, so it cannot leave the store. */
final class SafeSessionId {

    private static final int MAX_NAME_BYTES = 255;

    private SafeSessionId() {
    }

    /** Why the id cannot be a directory name of this store, or {@code null} when it can. */
    static String problem(String id) {
        if (id == null || id.isEmpty()) {
            return "must not be empty";
        }
        if (id.equals(".") || id.equals("..")) {
            return "must not be '.' or '..' (it would leave the sessions directory)";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '/' || c == '\\') {
                return "must not contain '/' or '\\' (it would leave the sessions directory)";
            }
            if (c == '\0') {
                return "must not contain a NUL character";
            }
            if (c == ':') {
                return "must not contain ':' (a drive letter or alternate stream on Windows)";
            }
        }
        if (id.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return "must be at most " + MAX_NAME_BYTES + " bytes of UTF-8 to be a directory name";
        }
        return null;
    }

    /**
     * Whether a read may look the id up: every id a write accepts, and also ids with ':' where that is an ordinary
     * file name character (upstream may have written such a directory on Linux or macOS).
     */
    static boolean canRead(String id) {
        boolean colonIsPlain = File.separatorChar == '/' && id != null;
        return problem(colonIsPlain ? id.replace(':', '_') : id) == null;
    }

    /**
     * Returns the id when it is safe.
     *
     * @param recordId the record being written, for the message
     * @param field    the member holding the id
     * @throws InvalidRecordException naming the field otherwise
     */
    static String require(String id, String recordId, String field) {
        String problem = problem(id);
        if (problem != null) {
            throw new InvalidRecordException(recordId, field, "a session id " + problem + " in a file store");
        }
        return id;
    }
}
