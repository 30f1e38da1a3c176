package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One side of a verification, digested on its own thread and read ahead of it on another ({@link ReadAhead}): the
 * events of each given session, in that order and oldest first (or, when asked, in the order the store keeps them),
 * each reduced to its id, timestamp and digest, handed over in small chunks through a bounded queue (so the two
 * stores are read at the same time and memory holds a few chunks, whatever the size of a session). For the sessions
 * named in {@code rebuild} it also gives the digest of the record {@link SessionReconstruction} makes from those
 * events, from the same pass (which then reads them oldest first).
 */
final class EventDigests implements AutoCloseable {

    private static final int CHUNK = 512;
    private static final int CHUNKS_AHEAD = 8;

    /** One event, as the comparison needs it. */
    record Digested(String id, long timestamp, String sessionId, String digest) {
    }

    /** Some events of one session; the last chunk of a session has {@code end} set (and may hold no event). */
    private record Chunk(List<Digested> events, boolean end, String rebuilt, RuntimeException failure) {
    }

    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final Thread digester;
    private volatile boolean stopped;

    private Chunk current;
    private int position;

    private EventDigests(List<String> sessionIds, Function<String, Stream<MonitorEvent>> open, Set<String> rebuild,
                         Function<MonitorEvent, String> digest, String name) {
        this.digester = new Thread(() -> digest(sessionIds, open, rebuild, digest), name);
        digester.setDaemon(true);
    }

    /** Starts reading the events of {@code sessionIds}, in that order, from {@code store}, each by its checksum. */
    static EventDigests start(MonitorStore store, List<String> sessionIds, Set<String> rebuild, String name) {
        return started(new EventDigests(sessionIds, store::streamEvents, rebuild, Verifier::digest, name));
    }

    /**
     * Starts reading the events of {@code sessionIds}, each reduced to {@code digest} of it, each session's in the
     * order the store keeps them ({@link MonitorStore#streamEventsInSaveOrder}: for a file store, one pass without an index), but
     * oldest first for the sessions whose record is rebuilt.
     */
    static EventDigests inAnyOrder(MonitorStore store, List<String> sessionIds, Set<String> rebuild, String name,
                                   Function<MonitorEvent, String> digest) {
        return started(new EventDigests(sessionIds,
                id -> rebuild.contains(id) ? store.streamEvents(id) : store.streamEventsInSaveOrder(id),
                rebuild, digest, name));
    }

    private static EventDigests started(EventDigests d) {
        d.digester.start();
        return d;
    }

    /** The next event of the current session without taking it; {@code null} at the end of the session. */
    Digested peek() {
        fill();
        return position < current.events().size() ? current.events().get(position) : null;
    }

    /** Takes the next event of the current session. */
    Digested take() {
        Digested d = peek();
        position++;
        return d;
    }

    /**
     * Skips what is left of the current session and moves to the next one.
     *
     * @return the digest of the record rebuilt from the session's events when it was asked for, else {@code null}
     */
    String endSession() {
        while (true) {
            fill();
            if (current.end()) {
                String rebuilt = current.rebuilt();
                current = null;
                return rebuilt;
            }
            position = current.events().size();
        }
    }

    private void fill() {
        while (current == null || (position >= current.events().size() && !current.end())) {
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while verifying", e);
            }
            position = 0;
            if (current.failure() != null) {
                throw current.failure();
            }
        }
    }

    private void digest(List<String> sessionIds, Function<String, Stream<MonitorEvent>> open, Set<String> rebuild,
                        Function<MonitorEvent, String> digest) {
        // read and parsed ahead on a second thread (a digest costs about as much as the read it follows), across
        // sessions, so that opening the next session's events overlaps the digests of the one before
        try (Stream<Item> items = ReadAhead.of(SessionsInTurn.stream(open, sessionIds),
                item -> item.event() == null ? 0 : EventSize.of(item.event()))) {
            List<Digested> chunk = new ArrayList<>(CHUNK);
            SessionReconstruction reconstruction = null;
            boolean opened = false;
            for (Iterator<Item> it = items.iterator(); it.hasNext() && !stopped; ) {
                Item item = it.next();
                if (!opened) {
                    reconstruction = rebuild.contains(item.sessionId()) ? new SessionReconstruction() : null;
                    opened = true;
                }
                MonitorEvent e = item.event();
                if (e == null) {
                    String rebuilt = reconstruction == null ? null
                            : reconstruction.result().map(Verifier::digest).orElse("(no readable event)");
                    hand(new Chunk(chunk, true, rebuilt, null));
                    chunk = new ArrayList<>(CHUNK);
                    opened = false;
                    continue;
                }
                if (reconstruction != null) {
                    reconstruction.accept(e);
                }
                chunk.add(new Digested(e.id(), e.timestamp(), e.sessionId(), digest.apply(e)));
                if (chunk.size() == CHUNK) {
                    hand(new Chunk(chunk, false, null, null));
                    chunk = new ArrayList<>(CHUNK);
                }
            }
        } catch (RuntimeException e) {
            hand(new Chunk(List.of(), true, null, e));
        }
    }

    /** An event of a session, or without one the end of that session. */
    private record Item(String sessionId, MonitorEvent event) {
    }

    /** The events of the sessions in turn, each session's followed by its end; a session's stream opens when due. */
    private static final class SessionsInTurn implements Iterator<Item> {
        private final Function<String, Stream<MonitorEvent>> streams;
        private final List<String> sessionIds;
        private int current;
        private Stream<MonitorEvent> open;
        private Iterator<MonitorEvent> events;

        private SessionsInTurn(Function<String, Stream<MonitorEvent>> streams, List<String> sessionIds) {
            this.streams = streams;
            this.sessionIds = sessionIds;
        }

        static Stream<Item> stream(Function<String, Stream<MonitorEvent>> streams, List<String> sessionIds) {
            SessionsInTurn items = new SessionsInTurn(streams, sessionIds);
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(items, Spliterator.ORDERED), false)
                    .onClose(items::close);
        }

        @Override
        public boolean hasNext() {
            return current < sessionIds.size();
        }

        @Override
        public Item next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String id = sessionIds.get(current);
            if (events == null) {
                open = streams.apply(id);
                events = open.iterator();
            }
            if (events.hasNext()) {
                return new Item(id, events.next());
            }
            close();
            current++;
            return new Item(id, null);
        }

        private void close() {
            if (open != null) {
                open.close();
                open = null;
                events = null;
            }
        }
    }

    private void hand(Chunk chunk) {
        try {
            while (!stopped && !queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                // the comparing thread is behind; wait for room (or for close)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    /** Stops both threads (when the comparison ended early) and waits until the store's stream is closed. */
    @Override
    public void close() {
        stopped = true;
        queue.clear();
        try {
            digester.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
