package io.contextuate.monitor.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a base directory exactly as the upstream monitor does: {@code sessions/<id>/meta.json} as
 * {@code JSON.stringify(session, null, 2)} without a final line feed, and {@code sessions/<id>/events.jsonl} with one
 * compact JSON object and a line feed per event, in arrival order, duplicate lines included. A session without
 * events gets no {@code events.jsonl}; a session without a record gets no {@code meta.json}.
 *
 * <p>Use: {@code new UpstreamStoreWriter(baseDir).write(UpstreamData.generate(UpstreamDataOptions.small(1)))}; to
 * add upstream's damage on top, see {@link UpstreamDamage}.
 */
public final class UpstreamStoreWriter {

    private final Path baseDir;

    public UpstreamStoreWriter(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** The base directory written to. */
    public Path baseDir() {
        return baseDir;
    }

    /** {@code <baseDir>/sessions/<sessionId>}. */
    public Path sessionDir(String sessionId) {
        return baseDir.resolve("sessions").resolve(sessionId);
    }

    /** {@code <baseDir>/sessions/<sessionId>/meta.json}. */
    public Path metaFile(String sessionId) {
        return sessionDir(sessionId).resolve("meta.json");
    }

    /** {@code <baseDir>/sessions/<sessionId>/events.jsonl}. */
    public Path eventsFile(String sessionId) {
        return sessionDir(sessionId).resolve("events.jsonl");
    }

    /** Writes every session of the dataset, in its order. */
    public void write(UpstreamDataset dataset) {
        dataset.sessions().forEach(this::write);
    }

    /** Writes one session directory, replacing files of the same names. */
    public void write(UpstreamSessionData session) {
        try {
            Files.createDirectories(sessionDir(session.sessionId()));
            if (session.session() != null) {
                Files.write(metaFile(session.sessionId()), session.session().metaJson());
            }
            if (!session.lines().isEmpty()) {
                Files.write(eventsFile(session.sessionId()), eventsFileBytes(session.lines()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write session " + session.sessionId() + " under " + baseDir, e);
        }
    }

    /** The bytes of an {@code events.jsonl} holding these lines: each compact line followed by a line feed. */
    public static byte[] eventsFileBytes(List<UpstreamEvent> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (UpstreamEvent e : lines) {
            out.writeBytes(e.line());
            out.write('\n');
        }
        return out.toByteArray();
    }
}
