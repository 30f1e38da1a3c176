package io.contextuate.monitor.cli;

/** The exit codes of {@code contextuate-monitor}, the same for every command. */
public final class ExitCode {

    /** The command did all it was asked. */
    public static final int OK = 0;
    /** The command failed: the store could not be read or written, or a check did not pass. */
    public static final int FAILED = 1;
    /** The command line or the configuration cannot be used as written. */
    public static final int USAGE = 2;
    /** The command finished, but some records were rejected (each reported on standard error). */
    public static final int REJECTED = 3;

    private ExitCode() {
    }
}
