package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.RetryPolicy;
import io.contextuate.monitor.spi.StoreUnavailableException;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The migrator's calls on a store, under the run's {@link RetryPolicy}: the migrator owns its operations, so this is
 * the one place a migration waits for a store that reports itself unavailable. A store that stays unavailable
 * through the budget ends the run resumably ({@link StoreStillUnavailableException}).
 */
final class Retrier {

    private final RetryPolicy policy;
    private final MigrationListener listener;
    private final String storeName;

    Retrier(RetryPolicy policy, MigrationListener listener, String storeName) {
        this(policy, listener, storeName, () -> false);
    }

    /** @param stopRequested asked while waiting; once it answers {@code true}, the wait ends in {@link StoppedException} */
    Retrier(RetryPolicy policy, MigrationListener listener, String storeName, BooleanSupplier stopRequested) {
        this.policy = policy.stoppingWhen(stopRequested);
        this.listener = listener;
        this.storeName = storeName;
    }

    /**
     * The call's result, after as many tries as the policy's budget allows.
     *
     * @throws StoreStillUnavailableException when the store stayed unavailable through the budget
     * @throws StoppedException               when the owner asked to stop while waiting
     */
    <T> T call(Supplier<T> action) {
        try {
            return policy.call(storeName, action, e -> e instanceof StoreUnavailableException, listener::retrying);
        } catch (StoreUnavailableException e) {
            throw new StoreStillUnavailableException(e);
        } catch (CancellationException e) {
            throw new StoppedException(storeName);
        }
    }

    void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** The owner asked to stop while the store was being waited for. */
    static final class StoppedException extends RuntimeException {
        StoppedException(String store) {
            super("stopped while waiting for " + store);
        }
    }

    /** The store stayed unavailable through the policy's budget. */
    static final class StoreStillUnavailableException extends RuntimeException {
        StoreStillUnavailableException(StoreUnavailableException last) {
            super(last.getMessage(), last);
        }
    }
}
