package io.contextuate.monitor.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens a session's {@code events.jsonl} for a read. An events file that is there but cannot be read (no
 * permission, a directory, a symbolic link that leads nowhere) is a problem of that session alone: it is reported
 * and the session reads as having no events, so a read of the whole store goes on with the others.
 */
final class EventsFileAccess {

    private EventsFileAccess() {
    }

    /** Whether the session has an events file to read, or one that is there but cannot be read (to report it). */
    static boolean present(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return !Files.isRegularFile(file) || Files.size(file) > 0;
        } catch (IOException unreadable) {
            return true;
        }
    }

    /** A channel reading the file, or {@code null} when it is absent or cannot be read (then reported). */
    static FileChannel open(Path file, String sessionId, ProblemReporter.Pass problems) throws IOException {
        if (Files.isDirectory(file)) {
            problems.report(file, 0, sessionId, "events.jsonl is a directory, not a file; the session's events "
                    + "are left out", new byte[0]);
            return null;
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException absent) {
            if (Files.isSymbolicLink(file)) {
                problems.report(file, 0, sessionId, "events.jsonl is a symbolic link to nothing ("
                        + absent.getMessage() + "); the session's events are left out", new byte[0]);
            }
            return null;
        } catch (FileSystemException unreadable) {
            // no permission, or a symbolic link loop ("Too many levels of symbolic links")
            String why = unreadable.getReason() == null ? unreadable.getClass().getSimpleName()
                    : unreadable.getReason();
            problems.report(file, 0, sessionId, "events.jsonl cannot be read (" + why + "); the session's events "
                    + "are left out, the rest of the store is read", new byte[0]);
            return null;
        }
    }
}
