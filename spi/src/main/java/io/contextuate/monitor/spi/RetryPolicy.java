package io.contextuate.monitor.spi;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How long the owner of an operation keeps trying it while it fails in a way worth trying again, and the loop that
 * does so. The one retry policy of the project: a store calls the server once per operation and reports a lost or
 * unreachable server as {@link StoreUnavailableException}; whoever owns the operation (the migrator, a sync, an
 * application) wraps it in a policy; a store may use one inside itself only for a failure that is its own business
 * (a transaction the server asks to run again, such as a deadlock or a Galera certification conflict), never for
 * unavailability, so that waits never stack.
 * <p>
 * The limit is a <em>budget</em> of wall time counted from the first failure of a streak, including the time the
 * failing tries themselves took (a pool's connection timeout, a connect timeout): no new try starts once the next
 * wait would end beyond it, so a call gives up within the budget plus one try. Waits start at
 * {@code initialDelay} and double up to {@code maxDelay}. A policy may be {@linkplain #unlimited unlimited} (for a
 * process that follows a source for as long as it runs) and stopped from outside ({@link #stoppingWhen}).
 * <p>
 * Logging, through {@link System.Logger} (the distribution routes it to SLF4J): one WARNING line when a streak of
 * waiting starts (what, why, how long at most), one WARNING line when the operation succeeds after waiting, each
 * failure's stack trace at DEBUG.
 * <p>
 * Lives in the spi because both sides of the contract use it: stores (for their own transaction retries) and the
 * owners of operations. Instances are immutable and thread-safe.
 */
public final class RetryPolicy {

    /** The default budget: about a minute. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(60);

    private static final Logger LOG = System.getLogger(RetryPolicy.class.getName());
    private static final long STOP_CHECK_MILLIS = 200;

    private final Duration budget; // null: unlimited
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final BooleanSupplier stopRequested;
    private final boolean warns;

    private RetryPolicy(Duration budget, Duration initialDelay, Duration maxDelay, BooleanSupplier stopRequested,
                        boolean warns) {
        if (budget != null && budget.isNegative()) {
            throw new IllegalArgumentException("the retry budget must not be negative, was " + budget);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("retry delays must satisfy 0 <= initial <= max, were " + initialDelay
                    + " and " + maxDelay);
        }
        this.budget = budget;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.stopRequested = stopRequested;
        this.warns = warns;
    }

    /** A budget of {@link #DEFAULT_BUDGET}, waits of 1 s doubling up to 15 s. */
    public static RetryPolicy defaults() {
        return within(DEFAULT_BUDGET);
    }

    /** The given budget, waits of 1 s doubling up to 15 s (shortened to fit a small budget). */
    public static RetryPolicy within(Duration budget) {
        Objects.requireNonNull(budget, "budget");
        Duration max = min(Duration.ofSeconds(15), budget.dividedBy(4));
        return new RetryPolicy(budget, min(Duration.ofSeconds(1), max), max, () -> false, true);
    }

    /** One try: the first failure is the answer. */
    public static RetryPolicy none() {
        return new RetryPolicy(Duration.ZERO, Duration.ZERO, Duration.ZERO, () -> false, true);
    }

    /** Tries for as long as its owner runs (stop it with {@link #stoppingWhen}), waits doubling as given. */
    public static RetryPolicy unlimited(Duration initialDelay, Duration maxDelay) {
        return new RetryPolicy(null, initialDelay, maxDelay, () -> false, true);
    }

    /** This policy with other waits between tries. */
    public RetryPolicy withDelays(Duration initial, Duration max) {
        return new RetryPolicy(budget, initial, max, stopRequested, warns);
    }

    /** This policy, giving up with a {@link CancellationException} as soon as {@code stop} answers true. */
    public RetryPolicy stoppingWhen(BooleanSupplier stop) {
        return new RetryPolicy(budget, initialDelay, maxDelay, Objects.requireNonNull(stop, "stop"), warns);
    }

    /**
     * This policy, saying at DEBUG instead of WARN that it waits: for failures that are routine and no one's to
     * act on (a deadlock between two writers, run again by the store).
     */
    public RetryPolicy quietly() {
        return new RetryPolicy(budget, initialDelay, maxDelay, stopRequested, false);
    }

    /** The budget of wall time per streak of failures; {@code null} when {@linkplain #isUnlimited unlimited}. */
    public Duration budget() {
        return budget;
    }

    /** Whether this policy never gives up on its own. */
    public boolean isUnlimited() {
        return budget == null;
    }

    /** The wait after the first failure. */
    public Duration initialDelay() {
        return initialDelay;
    }

    /** The longest wait between two tries. */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** The wait after {@code failures} (1-based) failures in a row. */
    public Duration delayAfter(int failures) {
        long ms = initialDelay.toMillis();
        for (int i = 1; i < failures && ms < maxDelay.toMillis(); i++) {
            ms = ms == 0 ? 1 : ms * 2;
        }
        return Duration.ofMillis(Math.min(ms, maxDelay.toMillis()));
    }

    /** Runs {@code action}, trying again while it throws {@link StoreUnavailableException}. */
    public <T> T call(String what, Supplier<T> action) {
        return call(what, action, e -> e instanceof StoreUnavailableException, Observer.NONE);
    }

    /**
     * Runs {@code action}, trying again while it throws what {@code retryable} accepts, within the budget.
     *
     * @param what      the operation, for people ("saving 1000 events into pg@db1")
     * @param action    the whole operation (a transaction is run again from its start)
     * @param retryable which failures are worth another try
     * @param observer  told before each wait (a progress display, say)
     * @return the action's result
     * @throws RuntimeException       the last failure once the budget is spent, or the first one not retryable; a
     *                                {@link StoreUnavailableException} that was waited for is wrapped in one saying
     *                                how long
     * @throws CancellationException  when the stop condition turned true while waiting
     */
    public <T> T call(String what, Supplier<T> action, Predicate<? super RuntimeException> retryable,
                      Observer observer) {
        long start = 0;
        for (int failures = 0; ; ) {
            try {
                T result = action.get();
                if (failures > 0) {
                    long waited = System.nanoTime() - start;
                    int failed = failures;
                    LOG.log(Level.WARNING, () -> what + ": works again after waiting " + seconds(waited) + " ("
                            + failed + " failed " + (failed == 1 ? "try" : "tries") + ")");
                }
                return result;
            } catch (RuntimeException e) {
                if (!retryable.test(e)) {
                    throw e;
                }
                if (failures++ == 0) {
                    start = System.nanoTime();
                }
                long waitedNanos = System.nanoTime() - start;
                Duration next = delayAfter(failures);
                if (budget != null && (budget.isZero() || Duration.ofNanos(waitedNanos).plus(next).compareTo(budget) > 0)) {
                    int failed = failures;
                    LOG.log(Level.DEBUG, () -> what + ": giving up after " + failed + " tries", e);
                    throw gaveUp(what, e, failures, waitedNanos);
                }
                if (failures == 1) {
                    String until = budget == null ? "until it works" : "for up to " + seconds(budget.toNanos());
                    LOG.log(warns ? Level.WARNING : Level.DEBUG, () -> what + ": " + firstLine(e) + "; trying again "
                            + until);
                }
                int failed = failures;
                LOG.log(Level.DEBUG, () -> what + ": try " + failed + " failed, next in " + next.toMillis() + " ms", e);
                observer.waiting(new Wait(what, failures, Duration.ofNanos(waitedNanos), next, budget, e));
                sleep(what, next);
            }
        }
    }

    private RuntimeException gaveUp(String what, RuntimeException last, int failures, long waitedNanos) {
        if (failures == 1 || !(last instanceof StoreUnavailableException)) {
            return last;
        }
        return new StoreUnavailableException(what + " stayed unavailable for " + seconds(waitedNanos) + " over "
                + failures + " tries (the retry budget is " + seconds(budget.toNanos()) + "): " + last.getMessage(),
                last);
    }

    private void sleep(String what, Duration d) {
        long end = System.nanoTime() + d.toNanos();
        try {
            for (long left = d.toMillis(); ; left = (end - System.nanoTime()) / 1_000_000) {
                if (stopRequested.getAsBoolean()) {
                    throw new CancellationException("stopped while waiting to retry " + what);
                }
                if (left <= 0) {
                    return;
                }
                Thread.sleep(Math.min(left, STOP_CHECK_MILLIS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException c = new CancellationException("interrupted while waiting to retry " + what);
            c.initCause(e);
            throw c;
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** "61 s", or "0.2 s" below ten seconds. */
    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        return (s < 10 ? String.format(java.util.Locale.ROOT, "%.1f", s) : String.valueOf(Math.round(s))) + " s";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "RetryPolicy[" + (budget == null ? "unlimited" : "budget " + budget.toSeconds() + " s") + ", waits "
                + initialDelay.toMillis() + ".." + maxDelay.toMillis() + " ms]";
    }

    /**
     * One wait between two tries.
     *
     * @param what     the operation
     * @param failures failures in a row so far
     * @param waited   wall time since the first of them
     * @param next     the wait before the next try
     * @param budget   the budget, or {@code null} when unlimited
     * @param cause    the last failure
     */
    public record Wait(String what, int failures, Duration waited, Duration next, Duration budget,
                       RuntimeException cause) {
    }

    /** Hears each wait of a {@link RetryPolicy}; called on the waiting thread. */
    @FunctionalInterface
    public interface Observer {

        /** An observer that hears nothing. */
        Observer NONE = w -> { };

        /** The operation failed and is tried again after {@code wait.next()}. */
        void waiting(Wait wait);
    }
}
