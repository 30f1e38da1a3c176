package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.SessionMeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads and writes {@code meta.json}: upstream's {@code JSON.stringify(session, null, 2)}, written atomically
 * (temporary file in the same directory, then an atomic move). A file that does not hold a session is reported and
 * reads as absent, as upstream treats it.
 */
final class MetaFiles {

    private final StoreLayout layout;

    MetaFiles(StoreLayout layout) {
        this.layout = layout;
    }

    Optional<SessionMeta> read(String sessionId, ProblemReporter.Pass problems) {
        Path file = layout.metaFile(sessionId);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            problems.report(file, 0, sessionId, "meta.json cannot be read (" + e + "); the session is left out",
                    new byte[0]);
            return Optional.empty();
        }
        if (bytes.length == 0) {
            problems.report(file, 0, sessionId, "meta.json is empty (cut short by a crash?); the session is "
                    + "left out, its events stay readable", bytes);
            return Optional.empty();
        }
        byte[] json = hasBom(bytes) ? Arrays.copyOfRange(bytes, 3, bytes.length) : bytes;
        SessionMeta session;
        try {
            session = MonitorJson.readSession(json);
        } catch (RuntimeException e) {
            problems.report(file, 0, sessionId, "meta.json does not hold a session (" + e.getMessage()
                    + "); the session is left out, its events stay readable", bytes);
            return Optional.empty();
        }
        if (!session.sessionId().equals(sessionId)) {
            problems.report(file, 0, sessionId, "meta.json holds sessionId '" + session.sessionId()
                    + "', not its folder's name '" + sessionId + "'; the record is left out, its events stay "
                    + "readable", bytes);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /**
     * As {@link #read}, for a walk over every session directory: a directory with events but no {@code meta.json}
     * is reported too, as upstream never writes one without the other on purpose.
     */
    Optional<SessionMeta> readListed(String sessionId, ProblemReporter.Pass problems) {
        Optional<SessionMeta> meta = read(sessionId, problems);
        Path file = layout.metaFile(sessionId);
        if (meta.isEmpty() && !Files.exists(file) && Files.exists(layout.eventsFile(sessionId))) {
            problems.report(file, 0, sessionId, "events.jsonl has no meta.json beside it; the session has events "
                    + "but no session record", new byte[0]);
        }
        return meta;
    }

    /** Writes the session into the directory of its own id. */
    void write(SessionMeta session) throws IOException {
        write(session.sessionId(), session);
    }

    /** Writes a session into the directory of this id. */
    void write(String directoryId, SessionMeta session) throws IOException {
        Path file = layout.metaFile(directoryId);
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, MonitorJson.toMetaJson(session));
    }

    private static boolean hasBom(byte[] b) {
        return b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF;
    }
}
