package io.contextuate.monitor.mysql;

import io.contextuate.monitor.spi.StoreUnavailableException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The only place a server may ask the driver to read files from outside the store's own LOAD DATA statement: an
 * empty directory, private to this user, made once per process and never written to.
 */
final class NoClientFiles {

    private static Path directory;

    private NoClientFiles() {
    }

    /** The directory, made on first use. */
    static synchronized Path directory() {
        if (directory == null) {
            try {
                Path made;
                try {
                    made = Files.createTempDirectory("contextuate-mysql-no-files-",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException notPosix) {
                    made = Files.createTempDirectory("contextuate-mysql-no-files-");
                }
                made.toFile().deleteOnExit();
                directory = made;
            } catch (IOException e) {
                throw new StoreUnavailableException("Cannot make an empty private directory for the MySQL driver: "
                        + e.getMessage(), new UncheckedIOException(e));
            }
        }
        return directory;
    }
}
