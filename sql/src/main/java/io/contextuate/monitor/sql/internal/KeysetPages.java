package io.contextuate.monitor.sql.internal;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy stream over keyset-paged query results: each page is fetched when the previous one is used up, starting
 * after the key of its last element, so a whole table streams in constant memory without a long-held cursor.
 *
 * @param <K> the key type
 * @param <T> the element type
 */
public final class KeysetPages<K, T> implements Iterator<T> {

    private final Function<K, List<T>> fetchAfter;
    private final Function<T, K> keyOf;
    private final int pageSize;
    private K after;
    private Iterator<T> page = List.<T>of().iterator();
    private boolean exhausted;

    private KeysetPages(Function<K, List<T>> fetchAfter, Function<T, K> keyOf, int pageSize, K start) {
        this.fetchAfter = fetchAfter;
        this.keyOf = keyOf;
        this.pageSize = pageSize;
        this.after = start;
    }

    /**
     * A stream of every element, fetched a page at a time.
     *
     * @param fetchAfter returns at most {@code pageSize} elements after a key, in key order
     * @param keyOf      the key of an element
     * @param pageSize   the page size {@code fetchAfter} uses; a shorter page ends the stream
     * @param start      the key before the first element
     */
    public static <K, T> Stream<T> stream(Function<K, List<T>> fetchAfter, Function<T, K> keyOf, int pageSize, K start) {
        Iterator<T> it = new KeysetPages<>(fetchAfter, keyOf, pageSize, start);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    @Override
    public boolean hasNext() {
        if (page.hasNext()) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        List<T> next = fetchAfter.apply(after);
        exhausted = next.size() < pageSize;
        if (next.isEmpty()) {
            return false;
        }
        after = keyOf.apply(next.get(next.size() - 1));
        page = next.iterator();
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.next();
    }
}
