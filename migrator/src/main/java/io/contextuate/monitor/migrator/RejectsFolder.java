package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * A folder of rejected records: for each, {@code NAME.json} (kind, record type, location, line, session id, record
 * id, reason, size) and {@code NAME.bin} (the original bytes, exactly). NAME is derived from what the reject is, so
 * meeting the same bad record again in a resumed run rewrites the same two files instead of adding copies.
 */
final class RejectsFolder {

    private final Path dir;
    private final Set<String> seenThisRun = new HashSet<>();

    RejectsFolder(Path dir) {
        this.dir = dir;
    }

    /** The folder. */
    Path dir() {
        return dir;
    }

    /**
     * Keeps a reject.
     *
     * @return {@code true} when this run had not met this reject before
     */
    synchronized boolean add(Reject reject) {
        String name = nameOf(reject);
        if (!seenThisRun.add(name)) {
            return false;
        }
        try {
            Files.createDirectories(dir);
            writeAtomically(dir.resolve(name + ".bin"), reject.content());
            writeAtomically(dir.resolve(name + ".json"), MonitorJson.toUpstreamPretty(describe(reject, name)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reject " + name + " into " + dir + ": " + e.getMessage(),
                    e);
        }
        return true;
    }

    /** How many distinct rejects this run met. */
    synchronized int countThisRun() {
        return seenThisRun.size();
    }

    /** The records a target refused, as kept in this folder by any run (for telling expected differences). */
    RefusedRecords refusedRecords() {
        RefusedRecords refused = new RefusedRecords();
        if (!Files.isDirectory(dir)) {
            return refused;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                JsonNode n;
                try {
                    n = MonitorJson.parse(Files.readAllBytes(f));
                } catch (IOException unreadable) {
                    continue;
                }
                if (!Reject.Kind.REFUSED.name().equalsIgnoreCase(n.path("kind").asText())) {
                    continue;
                }
                String session = n.path("sessionId").isTextual() ? n.path("sessionId").textValue() : null;
                String id = n.path("recordId").isTextual() ? n.path("recordId").textValue() : null;
                if ("session".equals(n.path("record").asText())) {
                    refused.addSession(id);
                } else if (session != null && id != null) {
                    refused.addEvent(session, id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the rejects in " + dir + ": " + e.getMessage(), e);
        }
        return refused;
    }

    private static ObjectNode describe(Reject r, String name) {
        ObjectNode o = MonitorJson.newObject();
        o.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
        o.put("record", r.record().name().toLowerCase(Locale.ROOT));
        o.put("location", r.location());
        o.put("line", r.line());
        if (r.sessionId() != null) {
            o.put("sessionId", r.sessionId());
        }
        if (r.recordId() != null) {
            o.put("recordId", r.recordId());
        }
        o.put("reason", r.reason());
        o.put("bytes", r.content().length);
        o.put("contentFile", name + ".bin");
        return o;
    }

    private static String nameOf(Reject r) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {r.kind().name(), r.record().name(), r.location(), Long.toString(r.line()),
                    String.valueOf(r.sessionId()), String.valueOf(r.recordId()), r.reason()}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            sha.update(r.content());
            String kind = r.kind().name().toLowerCase(Locale.ROOT);
            return kind + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
