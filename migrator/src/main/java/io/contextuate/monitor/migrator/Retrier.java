package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Supplier;

/** Runs calls on a store, trying again with growing waits while the store reports itself unavailable. */
final class Retrier {

    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    private final RetryPolicy policy;
    private final MigrationListener listener;
    private final String storeName;

    Retrier(RetryPolicy policy, MigrationListener listener, String storeName) {
        this.policy = policy;
        this.listener = listener;
        this.storeName = storeName;
    }

    /**
     * The call's result, after as many tries as the policy allows.
     *
     * @throws StoreStillUnavailableException when every try found the store unavailable
     */
    <T> T call(Supplier<T> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (StoreUnavailableException e) {
                if (attempt >= policy.attempts()) {
                    throw new StoreStillUnavailableException(storeName, policy, e);
                }
                Duration wait = policy.delayAfter(attempt);
                LOG.info("{} is unavailable ({}); try {} of {} in {} ms", storeName, e.getMessage(), attempt + 1,
                        policy.attempts(), wait.toMillis());
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

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting to retry", e);
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
