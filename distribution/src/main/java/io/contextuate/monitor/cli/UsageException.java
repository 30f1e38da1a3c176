package io.contextuate.monitor.cli;

/**
 * A command was given arguments it cannot act on (a non-empty export directory without {@code --force}, say),
 * found after picocli's own parsing. Ends the command with {@link ExitCode#USAGE}.
 */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
