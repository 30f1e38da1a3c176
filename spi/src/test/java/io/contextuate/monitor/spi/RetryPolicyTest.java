package io.contextuate.monitor.spi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private static final RetryPolicy QUICK = RetryPolicy.within(Duration.ofMillis(300))
            .withDelays(Duration.ofMillis(10), Duration.ofMillis(40));

    @Test
    void anOperationThatRecoversWithinTheBudgetReturnsItsResult() {
        AtomicInteger tries = new AtomicInteger();
        List<RetryPolicy.Wait> waits = new ArrayList<>();

        String result = QUICK.call("test", () -> {
            if (tries.incrementAndGet() < 3) {
                throw new StoreUnavailableException("down");
            }
            return "done";
        }, e -> e instanceof StoreUnavailableException, waits::add);

        assertThat(result).isEqualTo("done");
        assertThat(waits).extracting(RetryPolicy.Wait::failures).containsExactly(1, 2);
    }

    @Test
    void theBudgetCountsTheTimeTheFailingTriesTookThemselves() {
        // each try takes 150 ms (a pool timeout, say): a 300 ms budget allows two, not 300/10 = 30
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> QUICK.call("slow", () -> {
            tries.incrementAndGet();
            sleep(150);
            throw new StoreUnavailableException("timed out");
        })).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("retry budget");

        assertThat(tries.get()).isBetween(2, 3);
    }

    @Test
    void aFailureThatIsNotRetryablePassesAtOnce() {
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> QUICK.call("bad", () -> {
            tries.incrementAndGet();
            throw new InvalidRecordException("e1", "data", "too big");
        })).isInstanceOf(InvalidRecordException.class);

        assertThat(tries.get()).isEqualTo(1);
    }

    @Test
    void aZeroBudgetTriesOnceAndPassesTheFailureOnUnchanged() {
        AtomicInteger tries = new AtomicInteger();
        StoreUnavailableException down = new StoreUnavailableException("down");

        assertThatThrownBy(() -> RetryPolicy.within(Duration.ZERO).call("once", () -> {
            tries.incrementAndGet();
            throw down;
        })).isSameAs(down);
        assertThat(tries.get()).isEqualTo(1);
    }

    @Test
    void anUnlimitedPolicyWaitsUntilItsOwnerAsksItToStop() {
        AtomicInteger tries = new AtomicInteger();
        RetryPolicy follow = RetryPolicy.unlimited(Duration.ofMillis(5), Duration.ofMillis(20))
                .stoppingWhen(() -> tries.get() >= 25);

        assertThatThrownBy(() -> follow.call("follow", () -> {
            tries.incrementAndGet();
            throw new StoreUnavailableException("down");
        })).isInstanceOf(CancellationException.class);

        assertThat(follow.isUnlimited()).isTrue();
        assertThat(tries.get()).isEqualTo(25);
    }

    @Test
    void aWholeTransactionCanBeRunAgainOnAFailureTheStoreChooses() {
        // e.g. a Galera certification conflict: the store retries its own transaction, not an unavailable server
        AtomicInteger tries = new AtomicInteger();
        int result = QUICK.call("transaction", () -> {
            if (tries.incrementAndGet() == 1) {
                throw new IllegalStateException("deadlock");
            }
            return 7;
        }, e -> e instanceof IllegalStateException, RetryPolicy.Observer.NONE);

        assertThat(result).isEqualTo(7);
        assertThat(tries.get()).isEqualTo(2);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
