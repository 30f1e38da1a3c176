package io.contextuate.monitor.cli;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Recognises a failure caused by a home directory the process cannot use (a service user's {@code /nonexistent},
 * a read-only home), where the defaults live: the file store {@code ~/.contextuate/monitor} and the migrations' work
 * folders {@code ~/.contextuate/migrations}. Said as such, with what to set instead, rather than as a bare
 * {@code AccessDeniedException: /nonexistent}.
 */
final class UnusableHome {

    private UnusableHome() {
    }

    /** The message for a person, when a file failure in the chain lies in an unusable home directory. */
    static Optional<String> describe(Throwable failure) {
        Path home;
        try {
            home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
        } catch (InvalidPathException | NullPointerException e) {
            return Optional.empty();
        }
        if (Files.isDirectory(home) && Files.isWritable(home)) {
            return Optional.empty();
        }
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof FileSystemException fs && fs.getFile() != null && lies(fs.getFile(), home)) {
                String state = Files.isDirectory(home) ? "is not writable" : "does not exist";
                return Optional.of("the home directory " + home + " " + state + " (" + t.getClass().getSimpleName()
                        + ": " + fs.getFile() + "), and the defaults live there: the file store"
                        + " ~/.contextuate/monitor and the migrations' work folders. Name a store with --config"
                        + " (persistence.file.baseDir, or a database), and give migrate --rejects and --checkpoint.");
            }
        }
        return Optional.empty();
    }

    private static boolean lies(String file, Path home) {
        try {
            Path p = Path.of(file).toAbsolutePath().normalize();
            return p.startsWith(home) || home.startsWith(p);
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
