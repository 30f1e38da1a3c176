package io.contextuate.monitor.migrator;

/**
 * What to tell a person whose run ran out of Java heap: how large the heap was and how to give it more. Public so
 * that the command line says the same for every command.
 */
public final class HeapExhausted {

    private HeapExhausted() {
    }

    /** "the Java heap (at most 32 MiB) ran out; run it again with more, e.g. JAVA_OPTS=-Xmx512m ...". */
    public static String advice() {
        long mib = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return "the Java heap (at most " + mib + " MiB) ran out; run it again with more, e.g. JAVA_OPTS=-Xmx"
                + Math.max(512, Long.highestOneBit(Math.max(1, mib)) * 4) + "m (an event of N MiB needs about"
                + " 10 x N MiB of heap)";
    }
}
