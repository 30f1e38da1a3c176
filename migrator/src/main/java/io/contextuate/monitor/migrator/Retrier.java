package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs calls on a store, trying again with growing waits while the store reports itself unavailable. Under an
 * {@link RetryPolicy#isUnlimited() unlimited} policy it says so in the log once when the waiting starts and once when
 * the store is back (the causes at DEBUG), and stops waiting when its owner asks it to.
 */
final class Retrier {

    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);
    private static final long STOP_CHECK_MILLIS = 200;

    private final RetryPolicy policy;
    private final MigrationListener listener;
    private final String storeName;
    private final BooleanSupplier stopRequested;

    Retrier(RetryPolicy policy, MigrationListener listener, String storeName) {
        this(policy, listener, storeName, () -> false);
    }

    /** @param stopRequested asked while waiting; once it answers {@code true}, the wait ends in {@link StoppedException} */
    Retrier(RetryPolicy policy, MigrationListener listener, String storeName, BooleanSupplier stopRequested) {
        this.policy = policy;
        this.listener = listener;
        this.storeName = storeName;
        this.stopRequested = stopRequested;
    }

    /**
     * The call's result, after as many tries as the policy allows.
     *
     * @throws StoreStillUnavailableException when every try found the store unavailable
     */
    <T> T call(Supplier<T> action) {
        long waitingSince = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                T result = action.get();
                if (waitingSince != 0) {
                    LOG.warn("{} is back after {} s; carrying on", storeName,
                            (System.nanoTime() - waitingSince) / 1_000_000_000L);
                }
                return result;
            } catch (StoreUnavailableException e) {
                if (attempt >= policy.attempts()) {
                    throw new StoreStillUnavailableException(storeName, policy, e);
                }
                Duration wait = policy.delayAfter(attempt);
                if (!policy.isUnlimited()) {
                    LOG.info("{} is unavailable ({}); try {} of {} in {} ms", storeName, e.getMessage(), attempt + 1,
                            policy.attempts(), wait.toMillis());
                } else if (attempt == 1) {
                    waitingSince = System.nanoTime();
                    LOG.warn("{} is unavailable ({}); waiting for it, trying again with backoff up to every {} s",
                            storeName, e.getMessage(), policy.maxDelay().toSeconds());
                }
                LOG.debug("{} unavailable, try {}", storeName, attempt, e);
                listener.retrying(attempt, policy.attempts(), wait, e);
                sleep(wait);
            }
        }
    }

    void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    private void sleep(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        try {
            for (long left = d.toMillis(); left > 0; left = (end - System.nanoTime()) / 1_000_000) {
                if (stopRequested.getAsBoolean()) {
                    throw new StoppedException(storeName);
                }
                Thread.sleep(Math.min(left, STOP_CHECK_MILLIS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting to retry", e);
        }
        if (stopRequested.getAsBoolean()) {
            throw new StoppedException(storeName);
        }
    }

    /** The owner asked to stop while the store was being waited for. */
    static final class StoppedException extends RuntimeException {
        StoppedException(String store) {
            super("stopped while waiting for " + store);
        }
    }

    /** Every try found the store unavailable. */
    static final class StoreStillUnavailableException extends RuntimeException {
        StoreStillUnavailableException(String store, RetryPolicy policy, StoreUnavailableException last) {
            super(store + " stayed unavailable through " + policy.attempts() + " tries over "
                    + policy.totalWait().toSeconds() + " s: " + last.getMessage(), last);
        }
    }
}
