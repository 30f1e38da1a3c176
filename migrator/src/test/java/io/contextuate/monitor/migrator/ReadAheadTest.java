package io.contextuate.monitor.migrator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadAheadTest {

    @Test
    void deliversEveryItemInOrderFromAStreamLongerThanTheQueue() {
        int count = ReadAhead.CHUNK_ITEMS * ReadAhead.QUEUE_CHUNKS * 5 + 17;
        List<Integer> got;
        try (Stream<Integer> s = ReadAhead.of(IntStream.range(0, count).boxed(), i -> 1)) {
            got = s.toList();
        }
        assertThat(got).hasSize(count);
        assertThat(got).isEqualTo(IntStream.range(0, count).boxed().toList());
    }

    @Test
    void aFailureOfTheSourceReachesTheConsumerAfterTheItemsBeforeIt() {
        Stream<Integer> failing = IntStream.range(0, 1_000).boxed().map(i -> {
            if (i == 700) {
                throw new IllegalStateException("line 700 is damaged");
            }
            return i;
        });
        List<Integer> got = new ArrayList<>();
        try (Stream<Integer> s = ReadAhead.of(failing, i -> 1)) {
            assertThatThrownBy(() -> s.forEach(got::add)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("line 700 is damaged");
        }
        assertThat(got).isEqualTo(IntStream.range(0, 700).boxed().toList());
    }

    @Test
    void workDeferredWhileReadingRunsOnTheConsumersThreadBetweenTheItemsAroundIt() {
        Thread consumer = Thread.currentThread();
        List<String> log = new ArrayList<>();
        List<Thread> ranOn = new ArrayList<>();
        Stream<Integer> reporting = IntStream.range(0, 600).boxed().peek(i -> {
            if (i % 200 == 199) {
                boolean deferred = ReadAhead.deferToConsumer(() -> {
                    ranOn.add(Thread.currentThread());
                    log.add("problem after " + i);
                });
                assertThat(deferred).isTrue();
            }
        });
        try (Stream<Integer> s = ReadAhead.of(reporting, i -> 1)) {
            s.forEach(i -> {
                if (i % 200 == 0) {
                    log.add("item " + i);
                }
            });
        }
        assertThat(log).containsExactly("item 0", "problem after 199", "item 200", "problem after 399", "item 400",
                "problem after 599");
        assertThat(ranOn).containsOnly(consumer);
        assertThat(ReadAhead.deferToConsumer(() -> { })).isFalse();
    }

    @Test
    void closingEarlyStopsTheReaderAndClosesTheSource() {
        AtomicLong produced = new AtomicLong();
        AtomicBoolean closed = new AtomicBoolean();
        Stream<Long> endless = Stream.generate(produced::incrementAndGet).onClose(() -> closed.set(true));
        try (Stream<Long> s = ReadAhead.of(endless, i -> 1)) {
            Iterator<Long> it = s.iterator();
            for (long i = 1; i <= 10; i++) {
                assertThat(it.next()).isEqualTo(i);
            }
        }
        assertThat(closed).isTrue();
        long after = produced.get();
        // the reader stopped: at most the queue, the chunk it was filling and the one taken were read
        assertThat(after).isLessThanOrEqualTo((long) ReadAhead.CHUNK_ITEMS * (ReadAhead.QUEUE_CHUNKS + 2) + 1);
        assertThat(produced.get()).isEqualTo(after);
    }

    @Test
    void chunksAreBoundedByEstimatedBytesSoLargeItemsAreNotQueuedByTheHundred() {
        AtomicLong produced = new AtomicLong();
        Stream<Long> large = Stream.generate(produced::incrementAndGet);
        try (Stream<Long> s = ReadAhead.of(large, i -> ReadAhead.CHUNK_BYTES)) {
            Iterator<Long> it = s.iterator();
            assertThat(it.next()).isEqualTo(1L);
            long deadline = System.currentTimeMillis() + 2_000;
            while (produced.get() < ReadAhead.QUEUE_CHUNKS && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
            // one item a chunk: the queue, the chunk being offered and the one taken
            assertThat(produced.get()).isLessThanOrEqualTo(ReadAhead.QUEUE_CHUNKS + 2L);
        }
    }
}
