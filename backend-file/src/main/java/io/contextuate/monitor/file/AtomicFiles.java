package io.contextuate.monitor.file;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** Replaces a file by a finished temporary file in the same directory, so readers see the old or the new whole. */
final class AtomicFiles {

    private AtomicFiles() {
    }

    static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Writes {@code bytes} to a temporary file beside {@code target}, then moves it over {@code target}. The file
     * keeps the permissions of the file it replaces, or gets {@code rw-r--r--} (what upstream's writes get under the
     * usual umask) rather than the owner-only permissions of a temporary file.
     */
    static void write(Path target, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
        try {
            Files.write(temp, bytes);
            if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(temp, Files.exists(target)
                        ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--"));
            }
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
