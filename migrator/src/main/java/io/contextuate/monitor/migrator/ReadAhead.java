package io.contextuate.monitor.migrator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A stream read ahead of its consumer on a second thread, so that reading and parsing the source overlaps the
 * target's work. The reader fills a bounded queue of chunks (at most {@value #QUEUE_CHUNKS} chunks of at most
 * {@value #CHUNK_ITEMS} items or {@value #CHUNK_BYTES} estimated bytes each), so memory stays flat however long the
 * stream. Items arrive in order; a failure of the reader is thrown to the consumer where it happened in the stream.
 *
 * <p>Work the reader's thread would do on the run's state (a read problem the source reports while it is being
 * read) is {@linkplain #deferToConsumer handed to the consumer} in stream order instead, so the run's counters stay
 * confined to the migrating thread.
 */
final class ReadAhead<T> implements Iterator<T> {

    static final int CHUNK_ITEMS = 256;
    static final long CHUNK_BYTES = 1L << 20;
    static final int QUEUE_CHUNKS = 8;

    private static final ThreadLocal<ReadAhead<?>> READING = new ThreadLocal<>();
    private static final Object END = new Object();

    private final Stream<T> source;
    private final ToLongFunction<? super T> size;
    private final BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    private final Thread reader;
    private volatile boolean stopped;
    private List<Object> filling = new ArrayList<>();
    private long fillingBytes;
    private List<Object> taking = List.of();
    private int takeAt;
    private Object next;

    private ReadAhead(Stream<T> source, ToLongFunction<? super T> size) {
        this.source = source;
        this.size = size;
        this.reader = new Thread(this::read, "read-ahead");
        this.reader.setDaemon(true);
    }

    /**
     * The source, read ahead on a thread of its own; closing the returned stream stops the reader and closes the
     * source.
     *
     * @param size an item's estimated size in bytes, which bounds a chunk
     */
    static <T> Stream<T> of(Stream<T> source, ToLongFunction<? super T> size) {
        ReadAhead<T> ahead = new ReadAhead<>(source, size);
        ahead.reader.start();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(ahead, Spliterator.ORDERED
                | Spliterator.NONNULL), false).onClose(ahead::close);
    }

    /**
     * When called on a read-ahead thread: queues the work to run on the consumer's thread, in stream order, and
     * returns true. Elsewhere: returns false (the caller does the work itself).
     */
    static boolean deferToConsumer(Runnable work) {
        ReadAhead<?> current = READING.get();
        if (current == null) {
            return false;
        }
        current.add(work, 0);
        return true;
    }

    private void read() {
        READING.set(this);
        try {
            for (Iterator<T> it = source.iterator(); it.hasNext() && !stopped; ) {
                T item = it.next();
                add(item, size.applyAsLong(item));
            }
            add(END, 0);
        } catch (Stopped stop) {
            // the consumer closed the stream
        } catch (RuntimeException | Error e) {
            try {
                add(new Failure(e), 0);
                add(END, 0);
            } catch (Stopped stop) {
                // nobody is left to tell
            }
        } finally {
            READING.remove();
        }
        if (!stopped) {
            flushChunk();
        }
    }

    private void add(Object item, long bytes) {
        filling.add(item);
        fillingBytes += bytes;
        if (item == END || filling.size() >= CHUNK_ITEMS || fillingBytes >= CHUNK_BYTES) {
            flushChunk();
        }
    }

    private void flushChunk() {
        if (filling.isEmpty()) {
            return;
        }
        List<Object> chunk = filling;
        filling = new ArrayList<>();
        fillingBytes = 0;
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (stopped) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (takeAt == taking.size()) {
                taking = take();
                takeAt = 0;
            }
            Object item = taking.get(takeAt++);
            if (item instanceof Runnable work) {
                work.run();
            } else if (item instanceof Failure f) {
                throw f.rethrown();
            } else {
                next = item;
            }
        }
        return next != END;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T item = (T) next;
        next = null;
        return item;
    }

    private List<Object> take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the source", e);
        }
    }

    /** Stops the reader, waits for it, and closes the source. */
    private void close() {
        stopped = true;
        queue.clear();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            source.close();
        }
    }

    /** A failure of the reader, delivered where it happened. */
    private record Failure(Throwable error) {
        RuntimeException rethrown() {
            if (error instanceof Error e) {
                throw e;
            }
            return (RuntimeException) error;
        }
    }

    /** The consumer closed the stream while the reader waited for room. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
