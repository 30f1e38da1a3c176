package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.log.LogPosition;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How far a sync has carried each events file of one source into its target: a {@link LogPosition} per session,
 * advanced only after the target confirmed the rows before it, and kept in {@code positions.json} (replaced
 * atomically and durably by {@link #save()}). A crash repeats at most what came after the saved positions, and the
 * target's idempotent saves add no copy of it.
 */
final class SyncPositions {

    private static final int VERSION = 1;

    private final Path file;
    private final Map<String, LogPosition> positions;
    private boolean dirty;

    private SyncPositions(Path file, Map<String, LogPosition> positions) {
        this.file = file;
        this.positions = positions;
    }

    static SyncPositions open(Path file) {
        Map<String, LogPosition> positions = new HashMap<>();
        AtomicJsonFile.read(file).ifPresent(root -> {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("sessions").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode p = e.getValue();
                positions.put(e.getKey(), new LogPosition(p.path("file").asText(), p.path("offset").asLong(),
                        p.path("lines").asLong(), p.path("crc").asLong()));
            }
        });
        return new SyncPositions(file, positions);
    }

    synchronized Optional<LogPosition> get(String sessionId) {
        return Optional.ofNullable(positions.get(sessionId));
    }

    synchronized Set<String> sessionIds() {
        return Set.copyOf(positions.keySet());
    }

    /** Moves the session's position; call only once the target confirmed everything before it. */
    synchronized void advance(String sessionId, LogPosition position) {
        if (!position.equals(positions.put(sessionId, position))) {
            dirty = true;
        }
    }

    synchronized void forget(String sessionId) {
        if (positions.remove(sessionId) != null) {
            dirty = true;
        }
    }

    /** Writes the positions if they moved since the last save. */
    synchronized void save() {
        if (!dirty) {
            return;
        }
        ObjectNode root = MonitorJson.newObject();
        root.put("positions", VERSION);
        ObjectNode sessions = root.putObject("sessions");
        positions.forEach((id, p) -> {
            ObjectNode n = sessions.putObject(id);
            n.put("file", p.fileKey());
            n.put("offset", p.offset());
            n.put("lines", p.lines());
            n.put("crc", p.checksum());
        });
        AtomicJsonFile.write(file, root, true);
        dirty = false;
    }
}
