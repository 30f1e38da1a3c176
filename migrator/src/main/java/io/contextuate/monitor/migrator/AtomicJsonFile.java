package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A small JSON state file that is replaced whole and durably: written to a temporary file beside it, forced to the
 * disk, moved over the old one atomically, and the directory forced too. A reader sees the old content or the new,
 * never a mix, also after a crash or {@code kill -9}.
 */
final class AtomicJsonFile {

    private AtomicJsonFile() {
    }

    /** The file's JSON, or empty when there is no file. */
    static Optional<JsonNode> read(Path file) {
        try {
            return Optional.of(MonitorJson.parse(Files.readAllBytes(file)));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the file with the JSON.
     *
     * @param durable whether to force the bytes to the disk before and after the move (state that must survive a
     *                power loss); without it, the replacement is still atomic
     */
    static void write(Path file, JsonNode json, boolean durable) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(MonitorJson.toBytes(json));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                if (durable) {
                    ch.force(true);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (durable) {
                forceDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException notSupported) {
            // some systems cannot open a directory; the move itself is atomic there
        }
    }
}
