package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.SessionMeta;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * What was carried from a source into a target: per session, a digest of the canonical JSON of the source record
 * last written (or found equal) there. A record is carried again only when the source changed it since, so that an
 * edit made in the target (a label, a pin) survives a rerun of {@code migrate} or {@code sync} until the source
 * changes that session again. Kept in a JSON file, replaced atomically by {@link #save()}.
 */
final class CarriedRecords {

    private static final int VERSION = 1;

    private final Path file;
    private final Map<String, String> digests;
    private boolean dirty;

    private CarriedRecords(Path file, Map<String, String> digests) {
        this.file = file;
        this.digests = digests;
    }

    /** The ledger kept in {@code file}, empty when the file does not exist yet. */
    static CarriedRecords open(Path file) {
        Map<String, String> digests = new HashMap<>();
        AtomicJsonFile.read(file).ifPresent(root -> {
            JsonNode sessions = root.path("sessions");
            for (Iterator<Map.Entry<String, JsonNode>> it = sessions.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                digests.put(e.getKey(), e.getValue().asText());
            }
        });
        return new CarriedRecords(file, digests);
    }

    /** The file. */
    Path file() {
        return file;
    }

    /** Whether this record is the one last carried for its session (the source did not change it since). */
    synchronized boolean unchanged(SessionMeta record) {
        return digestOf(record).equals(digests.get(record.sessionId()));
    }

    /** Whether the record with this digest of its canonical JSON is the one last carried for its session. */
    synchronized boolean carriedAsIs(String sessionId, String digest) {
        return digest.equals(digests.get(sessionId));
    }

    /** Notes that the target now holds this record as the source has it. */
    synchronized void carried(SessionMeta record) {
        String digest = digestOf(record);
        if (!digest.equals(digests.put(record.sessionId(), digest))) {
            dirty = true;
        }
    }

    /** Forgets a session (deleted in the source). */
    synchronized void forget(String sessionId) {
        if (digests.remove(sessionId) != null) {
            dirty = true;
        }
    }

    /** The sessions carried. */
    synchronized Set<String> sessionIds() {
        return Set.copyOf(digests.keySet());
    }

    /** Writes the ledger if it changed since it was read or last saved. */
    synchronized void save() {
        if (!dirty) {
            return;
        }
        ObjectNode root = MonitorJson.newObject();
        root.put("carried", VERSION);
        ObjectNode sessions = root.putObject("sessions");
        digests.forEach(sessions::put);
        AtomicJsonFile.write(file, root, true);
        dirty = false;
    }

    static String digestOf(SessionMeta record) {
        return Verifier.digest(record);
    }
}
