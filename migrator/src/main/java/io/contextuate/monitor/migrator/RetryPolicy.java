package io.contextuate.monitor.migrator;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a store that reports itself unavailable is tried again: {@code attempts} tries in all,
 * waiting {@code initialDelay} after the first failure and doubling the wait up to {@code maxDelay}.
 *
 * @param attempts     tries in all, at least 1
 * @param initialDelay the wait after the first failure
 * @param maxDelay     the longest wait between two tries
 */
public record RetryPolicy(int attempts, Duration initialDelay, Duration maxDelay) {

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

    /** The wait before try number {@code attempt + 1}, after {@code attempt} (1-based) failures. */
    public Duration delayAfter(int attempt) {
        long ms = initialDelay.toMillis();
        for (int i = 1; i < attempt && ms < maxDelay.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, maxDelay.toMillis()));
    }

    /** The sum of every wait, for messages. */
    public Duration totalWait() {
        Duration total = Duration.ZERO;
        for (int i = 1; i < attempts; i++) {
            total = total.plus(delayAfter(i));
        }
        return total;
    }
}
