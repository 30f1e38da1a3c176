package io.contextuate.monitor.migrator;

/** How a migration run ended. */
public enum Outcome {
    /** Every record was read and written or rejected; verification (if run) found no unexpected difference. */
    COMPLETED(0),
    /** As {@link #COMPLETED}, but some records were rejected. */
    COMPLETED_WITH_REJECTS(3),
    /** Stopped, resumably, because the reject limit was reached. */
    STOPPED_AT_REJECT_LIMIT(1),
    /** Stopped, resumably, because the target stayed unavailable through every retry. */
    STOPPED_TARGET_UNAVAILABLE(1),
    /** Stopped, resumably, because the Java heap ran out; a larger heap ({@code -Xmx}) lets a rerun go on. */
    STOPPED_OUT_OF_MEMORY(1),
    /** Stopped by an error that is neither a bad record nor an unavailable target. */
    FAILED(1),
    /** Everything was written, but verification found source records missing or different in the target. */
    VERIFICATION_FAILED(1);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The command line's exit code: 0 done, 1 failed or stopped, 3 done with rejects. */
    public int exitCode() {
        return exitCode;
    }

    /** Whether the run stopped before the end, so that repeating it goes on where it stopped. */
    public boolean resumable() {
        return this == STOPPED_AT_REJECT_LIMIT || this == STOPPED_TARGET_UNAVAILABLE || this == STOPPED_OUT_OF_MEMORY
                || this == FAILED;
    }
}
