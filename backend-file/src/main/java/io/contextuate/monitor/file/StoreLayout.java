package io.contextuate.monitor.file;

import java.nio.file.Path;

/**
 * Where things live under a file store's base directory: upstream's {@code sessions/<id>/meta.json} and
 * {@code sessions/<id>/events.jsonl}, and this library's own {@code .index/} (which upstream never reads).
 *
 * @param baseDir the store's base directory, absolute
 */
record StoreLayout(Path baseDir) {

    static final String META = "meta.json";
    static final String EVENTS = "events.jsonl";
    static final String APPEND_JOURNAL = ".append";

    Path sessionsDir() {
        return baseDir.resolve("sessions");
    }

    /** The directory of a session; the id must already be checked with {@link SafeSessionId}. */
    Path sessionDir(String sessionId) {
        return sessionsDir().resolve(sessionId);
    }

    Path metaFile(String sessionId) {
        return sessionDir(sessionId).resolve(META);
    }

    Path eventsFile(String sessionId) {
        return sessionDir(sessionId).resolve(EVENTS);
    }

    Path indexDir() {
        return baseDir.resolve(".index");
    }

    Path indexFile(String sessionId) {
        return indexDir().resolve(sessionId + ".idx");
    }

    /** The note of an append in flight into the session's events file (see {@link AppendJournal}). */
    Path appendJournal(String sessionId) {
        return indexDir().resolve(sessionId + APPEND_JOURNAL);
    }

    /** The file whose lock serialises read-modify-writes of session records between processes. */
    Path metaLockFile() {
        return indexDir().resolve("meta.lock");
    }
}
