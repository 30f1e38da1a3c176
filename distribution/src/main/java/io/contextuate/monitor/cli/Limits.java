package io.contextuate.monitor.cli;

/** Checks of the numbers given on the command line. */
final class Limits {

    private Limits() {
    }

    /** The value when it is at least 1. */
    static int positive(int value, String option) {
        if (value < 1) {
            throw new UsageException(option + " must be at least 1, was " + value);
        }
        return value;
    }
}
