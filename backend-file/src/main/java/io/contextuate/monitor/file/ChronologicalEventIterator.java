package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.StoreException;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Every event of one session, oldest first (ties in file order), read block by block: blocks are loaded in order of
 * their smallest timestamp and an event is handed out once no unloaded block can hold an earlier one. Memory holds
 * the blocks whose timestamp ranges overlap at the current point: one block for a file in timestamp order, more
 * only where the file is out of order. Every block is read, so every damaged line is reported.
 */
final class ChronologicalEventIterator implements Iterator<MonitorEvent>, Closeable {

    private final IndexSnapshot snapshot;
    private final ProblemReporter.Pass problems;
    private final List<IndexBlock> blocks;
    private final PriorityQueue<PositionedEvent> ready = new PriorityQueue<>(PositionedEvent.CHRONOLOGICAL);
    private FileChannel channel;
    private int nextBlock;

    ChronologicalEventIterator(IndexSnapshot snapshot, ProblemReporter.Pass problems) {
        this.snapshot = snapshot;
        this.problems = problems;
        this.blocks = new ArrayList<>(snapshot.blocks());
        this.blocks.sort(Comparator.comparingLong(IndexBlock::minTimestamp).thenComparingLong(IndexBlock::start));
        if (snapshot.tailEvent() != null) {
            ready.add(snapshot.tailEvent());
        }
    }

    @Override
    public boolean hasNext() {
        while (nextBlock < blocks.size() && !headPrecedes(blocks.get(nextBlock))) {
            load(blocks.get(nextBlock++));
        }
        return !ready.isEmpty();
    }

    @Override
    public MonitorEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll().event();
    }

    private boolean headPrecedes(IndexBlock block) {
        PositionedEvent head = ready.peek();
        return head != null && (head.timestamp() < block.minTimestamp()
                || head.timestamp() == block.minTimestamp() && head.offset() < block.start());
    }

    private void load(IndexBlock block) {
        try {
            if (channel == null) {
                channel = FileChannel.open(snapshot.file(), StandardOpenOption.READ);
            }
            ready.addAll(BlockReader.read(channel, snapshot.file(), snapshot.sessionId(), block, problems));
        } catch (IOException e) {
            throw new StoreException("Could not read " + snapshot.file() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
