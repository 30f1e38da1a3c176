package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The progress of one migration from a source to a target, kept in a JSON-lines file so that a run killed at any
 * moment can be resumed: a header naming source and target, one line per session whose events are all in the
 * target (with its tally), and a final line once the run finished. A finished checkpoint starts over: running the
 * migration again re-reads everything (the target's idempotent saves then report it all as already present).
 *
 * <p>Lines are appended with one write each; a torn last line (a kill during the write) is ignored on reading.
 */
final class Checkpoint implements AutoCloseable {

    private static final int VERSION = 1;

    private final Path file;
    private final Map<String, SessionTally> done;
    private final OutputStream out;

    private Checkpoint(Path file, Map<String, SessionTally> done, OutputStream out) {
        this.file = file;
        this.done = done;
        this.out = out;
    }

    /**
     * Opens the checkpoint for this source and target, resuming an unfinished run or starting a new one.
     *
     * @throws CheckpointMismatchException when the file belongs to another source or target
     */
    static Checkpoint open(Path file, String source, String target) {
        try {
            Map<String, SessionTally> done = new HashMap<>();
            boolean resume = false;
            if (Files.exists(file) && Files.size(file) > 0) {
                resume = read(file, source, target, done);
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            OutputStream out = new FileOutputStream(file.toFile(), resume);
            Checkpoint cp = new Checkpoint(file, done, out);
            if (resume && !endsWithLineFeed(file)) {
                out.write('\n');
            }
            if (!resume) {
                done.clear();
                ObjectNode header = MonitorJson.newObject();
                header.put("checkpoint", VERSION);
                header.put("source", source);
                header.put("target", target);
                cp.append(header);
            }
            return cp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return whether the file holds an unfinished run to resume */
    private static boolean read(Path file, String source, String target, Map<String, SessionTally> done)
            throws IOException {
        boolean finished = false;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            JsonNode header = parseOrNull(first);
            if (header == null || !header.has("checkpoint")) {
                throw new CheckpointMismatchException("The file " + file + " is not a migration checkpoint; "
                        + "name another file with --checkpoint.");
            }
            if (!source.equals(header.path("source").asText()) || !target.equals(header.path("target").asText())) {
                throw new CheckpointMismatchException("The checkpoint " + file + " belongs to the migration from "
                        + header.path("source").asText() + " to " + header.path("target").asText()
                        + "; name another file with --checkpoint.");
            }
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonNode n = parseOrNull(line);
                if (n == null) {
                    continue;
                }
                if (n.path("finished").asBoolean(false)) {
                    finished = true;
                } else if (n.path("session").isTextual()) {
                    done.put(n.get("session").textValue(),
                            new SessionTally(n.path("read").asLong(), n.path("rejected").asLong()));
                }
            }
        }
        return !finished;
    }

    private static boolean endsWithLineFeed(Path file) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            if (ch.size() == 0) {
                return true;
            }
            ch.position(ch.size() - 1);
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last);
            return last.get(0) == '\n';
        }
    }

    private static JsonNode parseOrNull(String line) {
        if (line == null || line.isBlank()) {
            return null;
        }
        try {
            JsonNode n = MonitorJson.parse(line);
            return n.isObject() ? n : null;
        } catch (IOException torn) {
            return null;
        }
    }

    /** The file. */
    Path file() {
        return file;
    }

    /** The tally of a session a previous run completed, if it did. */
    synchronized Optional<SessionTally> completed(String sessionId) {
        return Optional.ofNullable(done.get(sessionId));
    }

    /** How many sessions previous runs completed. */
    synchronized int completedCount() {
        return done.size();
    }

    /** Records that every event of the session is in the target (or rejected). */
    synchronized void markCompleted(String sessionId, SessionTally tally) {
        ObjectNode n = MonitorJson.newObject();
        n.put("session", sessionId);
        n.put("read", tally.read());
        n.put("rejected", tally.rejected());
        append(n);
        done.put(sessionId, tally);
    }

    /** Records that the run finished; the next run starts over. */
    synchronized void markFinished() {
        ObjectNode n = MonitorJson.newObject();
        n.put("finished", true);
        append(n);
    }

    private void append(ObjectNode n) {
        byte[] json = MonitorJson.toBytes(n);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
