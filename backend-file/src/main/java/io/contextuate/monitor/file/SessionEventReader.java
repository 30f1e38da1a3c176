package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Answers the reads of one session from its index: the newest N events (blocks taken newest maximum timestamp
 * first, stopping once no unread block can hold a newer event) and one event by id (only blocks whose id hashes
 * match are read).
 */
final class SessionEventReader {

    private static final Comparator<IndexBlock> NEWEST_MAX_FIRST =
            Comparator.comparingLong(IndexBlock::maxTimestamp).thenComparingLong(IndexBlock::start).reversed();

    private SessionEventReader() {
    }

    /** Of the events the query admits, the newest {@code limit}, oldest first, ties in file order. */
    static List<MonitorEvent> newest(IndexSnapshot snapshot, EventQuery query, ProblemReporter.Pass problems)
            throws IOException {
        NewestEvents newest = new NewestEvents(query);
        if (snapshot.tailEvent() != null) {
            newest.offer(snapshot.tailEvent());
        }
        List<IndexBlock> candidates = new ArrayList<>();
        for (IndexBlock b : snapshot.blocks()) {
            if (b.mayHoldBetween(query.after(), query.before())) {
                candidates.add(b);
            }
        }
        candidates.sort(NEWEST_MAX_FIRST);
        if (!candidates.isEmpty()) {
            try (FileChannel channel = FileChannel.open(snapshot.file(), StandardOpenOption.READ)) {
                for (IndexBlock b : candidates) {
                    if (newest.isSettledBefore(b.maxTimestamp())) {
                        break;
                    }
                    for (PositionedEvent e : BlockReader.read(channel, snapshot.file(), snapshot.sessionId(), b,
                            problems)) {
                        newest.offer(e);
                    }
                }
            } catch (NoSuchFileException deletedMeanwhile) {
                return List.of();
            }
        }
        return newest.oldestFirst();
    }

    /** The first occurrence of the id in the file, if any. */
    static Optional<MonitorEvent> byId(IndexSnapshot snapshot, String eventId, ProblemReporter.Pass problems)
            throws IOException {
        long hash = IdHash.of(eventId);
        List<IndexBlock> candidates = snapshot.blocks().stream().filter(b -> b.mayHoldId(hash)).toList();
        if (!candidates.isEmpty()) {
            try (FileChannel channel = FileChannel.open(snapshot.file(), StandardOpenOption.READ)) {
                for (IndexBlock b : candidates) {
                    for (PositionedEvent e : BlockReader.read(channel, snapshot.file(), snapshot.sessionId(), b,
                            problems)) {
                        if (e.event().id().equals(eventId)) {
                            return Optional.of(e.event());
                        }
                    }
                }
            } catch (NoSuchFileException deletedMeanwhile) {
                return Optional.empty();
            }
        }
        PositionedEvent tail = snapshot.tailEvent();
        return tail != null && tail.event().id().equals(eventId) ? Optional.of(tail.event()) : Optional.empty();
    }

    /** The newest {@code limit} admitted events seen so far (a min-heap on chronological order). */
    private static final class NewestEvents {
        private final EventQuery query;
        private final PriorityQueue<PositionedEvent> heap = new PriorityQueue<>(PositionedEvent.CHRONOLOGICAL);

        NewestEvents(EventQuery query) {
            this.query = query;
        }

        void offer(PositionedEvent e) {
            if (!query.admits(e.timestamp())) {
                return;
            }
            if (heap.size() < query.limit()) {
                heap.add(e);
            } else if (PositionedEvent.CHRONOLOGICAL.compare(e, heap.peek()) > 0) {
                heap.poll();
                heap.add(e);
            }
        }

        /** Whether no event at or below this timestamp can enter any more. */
        boolean isSettledBefore(long maxTimestamp) {
            return heap.size() == query.limit() && maxTimestamp < heap.peek().timestamp();
        }

        List<MonitorEvent> oldestFirst() {
            List<PositionedEvent> sorted = new ArrayList<>(heap);
            sorted.sort(PositionedEvent.CHRONOLOGICAL);
            return sorted.stream().map(PositionedEvent::event).toList();
        }
    }
}
