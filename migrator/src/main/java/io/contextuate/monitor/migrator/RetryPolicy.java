package io.contextuate.monitor.migrator;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a store that reports itself unavailable is tried again: {@code attempts} tries in all,
 * waiting {@code initialDelay} after the first failure and doubling the wait up to {@code maxDelay}. An
 * {@link #unlimited unlimited} policy tries for as long as its owner runs (a {@code sync --follow}, which stops on
 * request).
 *
 * @param attempts     tries in all, at least 1; {@link #UNLIMITED} for no limit
 * @param initialDelay the wait after the first failure
 * @param maxDelay     the longest wait between two tries
 */
public record RetryPolicy(int attempts, Duration initialDelay, Duration maxDelay) {

    /** The number of attempts of a policy that never gives up. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
    }

    /** Seven tries over about a minute (waits of 1, 2, 4, 8, 16 and 30 seconds between them). */
    public static RetryPolicy defaults() {
        return new RetryPolicy(7, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** Tries for as long as the owner runs, waiting {@code initialDelay} doubling up to {@code maxDelay}. */
    public static RetryPolicy unlimited(Duration initialDelay, Duration maxDelay) {
        return new RetryPolicy(UNLIMITED, initialDelay, maxDelay);
    }

    /** Whether this policy never gives up. */
    public boolean isUnlimited() {
        return attempts == UNLIMITED;
    }

    /** The wait before try number {@code attempt + 1}, after {@code attempt} (1-based) failures. */
    public Duration delayAfter(int attempt) {
        long ms = initialDelay.toMillis();
        for (int i = 1; i < attempt && ms < maxDelay.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, maxDelay.toMillis()));
    }

    /** The sum of every wait, for messages; for an unlimited policy, the longest representable duration. */
    public Duration totalWait() {
        if (isUnlimited()) {
            return Duration.ofSeconds(Long.MAX_VALUE);
        }
        Duration total = Duration.ZERO;
        for (int i = 1; i < attempts; i++) {
            total = total.plus(delayAfter(i));
        }
        return total;
    }
}
