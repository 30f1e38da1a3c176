package io.contextuate.monitor.conformance;

/**
 * How much upstream-shaped data {@link UpstreamData#generate(UpstreamDataOptions)} produces. The same options give
 * the same bytes on every run and machine.
 *
 * <p>Plugin authors: start from {@link #small(long)} (fast enough for a conformance run against a real database) or
 * {@link #realistic(long)} (hundreds-of-kilobytes tool outputs, as real stores have), and change single values with
 * the {@code with...} methods.
 *
 * @param seed              the random seed
 * @param sessions          how many sessions; the first nine have the special shapes listed in {@link UpstreamData}
 * @param eventsPerSession  events per session that has events (before duplicates are added)
 * @param largePayloadBytes the size of a large tool output, in bytes of UTF-8
 * @param largePayloadEvery every how many-th {@code tool_result} carries a large output; 0 for none
 * @param nestingDepth      how deep the one deeply nested tool output is
 */
public record UpstreamDataOptions(long seed, int sessions, int eventsPerSession, int largePayloadBytes,
                                  int largePayloadEvery, int nestingDepth) {

    public UpstreamDataOptions {
        if (sessions < 1 || eventsPerSession < 1 || largePayloadBytes < 0 || largePayloadEvery < 0
                || nestingDepth < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + sessions + " sessions, "
                    + eventsPerSession + " events, " + largePayloadBytes + " payload bytes, nesting "
                    + nestingDepth);
        }
    }

    /** Twelve sessions of 20 events, one 1 MB tool output, nesting 300 deep: every shape, quickly stored. */
    public static UpstreamDataOptions small(long seed) {
        return new UpstreamDataOptions(seed, 12, 20, 1_000_000, 1_000, 300);
    }

    /** Forty sessions of 60 events, a 300 KB tool output every 25th tool result, nesting 300 deep. */
    public static UpstreamDataOptions realistic(long seed) {
        return new UpstreamDataOptions(seed, 40, 60, 300_000, 25, 300);
    }

    public UpstreamDataOptions withSessions(int n) {
        return new UpstreamDataOptions(seed, n, eventsPerSession, largePayloadBytes, largePayloadEvery,
                nestingDepth);
    }

    public UpstreamDataOptions withEventsPerSession(int n) {
        return new UpstreamDataOptions(seed, sessions, n, largePayloadBytes, largePayloadEvery, nestingDepth);
    }

    /** Large tool outputs of {@code bytes}, on every {@code every}-th tool result (0: none). */
    public UpstreamDataOptions withLargePayloads(int bytes, int every) {
        return new UpstreamDataOptions(seed, sessions, eventsPerSession, bytes, every, nestingDepth);
    }

    public UpstreamDataOptions withNestingDepth(int depth) {
        return new UpstreamDataOptions(seed, sessions, eventsPerSession, largePayloadBytes, largePayloadEvery,
                depth);
    }
}
