package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.model.MonitorEvent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The newest N events across sessions: the blocks of every session's index, taken newest maximum timestamp first,
 * read until no unread block can hold an event newer than the N-th found. Order: newest timestamp first; equal
 * timestamps by session id, then later saves first.
 */
final class RecentEventsReader {

    /** An event and the session file it was read from. */
    private record Found(String sessionId, PositionedEvent positioned) {
        long timestamp() {
            return positioned.timestamp();
        }
    }

    /** A block and the session it belongs to. */
    private record Candidate(IndexSnapshot session, IndexBlock block) {
    }

    /** Oldest first: the reverse of the order returned. */
    private static final Comparator<Found> AGE = Comparator.comparingLong(Found::timestamp)
            .thenComparing(Found::sessionId, Comparator.reverseOrder())
            .thenComparingLong(f -> f.positioned().offset());

    private RecentEventsReader() {
    }

    static List<MonitorEvent> newest(List<IndexSnapshot> sessions, int limit, ProblemReporter.Pass problems)
            throws IOException {
        PriorityQueue<Found> heap = new PriorityQueue<>(AGE);
        List<Candidate> candidates = new ArrayList<>();
        for (IndexSnapshot s : sessions) {
            if (s.tailEvent() != null) {
                offer(heap, new Found(s.sessionId(), s.tailEvent()), limit);
            }
            for (IndexBlock b : s.blocks()) {
                if (b.eventCount() > 0) {
                    candidates.add(new Candidate(s, b));
                }
            }
        }
        candidates.sort(Comparator.comparingLong((Candidate c) -> c.block().maxTimestamp()).reversed());
        for (Candidate c : candidates) {
            if (heap.size() == limit && c.block().maxTimestamp() < heap.peek().timestamp()) {
                break;
            }
            IndexSnapshot s = c.session();
            try (FileChannel channel = FileChannel.open(s.file(), StandardOpenOption.READ)) {
                for (PositionedEvent e : BlockReader.read(channel, s.file(), s.sessionId(), c.block(), problems)) {
                    offer(heap, new Found(s.sessionId(), e), limit);
                }
            } catch (NoSuchFileException deletedMeanwhile) {
                // the session was deleted after the snapshot: it has no events any more
            }
        }
        List<Found> found = new ArrayList<>(heap);
        found.sort(AGE.reversed());
        return found.stream().map(f -> f.positioned().event()).toList();
    }

    private static void offer(PriorityQueue<Found> heap, Found f, int limit) {
        if (heap.size() < limit) {
            heap.add(f);
        } else if (AGE.compare(f, heap.peek()) > 0) {
            heap.poll();
            heap.add(f);
        }
    }
}
