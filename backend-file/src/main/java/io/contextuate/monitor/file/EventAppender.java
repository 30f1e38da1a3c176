package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Appends events to a session's {@code events.jsonl} as upstream does (one compact line each, in save order), once
 * per event id, under the file's JVM lock and an exclusive {@link FileLock}, so writers in this and other processes
 * never interleave. A last line left without a line feed (a crash upstream) is first ended, and reported, so the new
 * events start on their own lines.
 */
final class EventAppender {

    private static final byte LF = '\n';

    private final StoreLayout layout;
    private final SessionIndexes indexes;

    EventAppender(StoreLayout layout, SessionIndexes indexes) {
        this.layout = layout;
        this.indexes = indexes;
    }

    /**
     * Appends the events (all of one session) whose ids the file does not hold yet.
     *
     * @return how many were new
     */
    int append(String sessionId, List<MonitorEvent> events, ProblemReporter.Pass problems) throws IOException {
        Path file = layout.eventsFile(sessionId);
        Files.createDirectories(file.getParent());
        return JvmFileLocks.with(file, () -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                channel.lock(); // released when the channel closes
                return appendLocked(sessionId, file, channel, events, problems);
            }
        });
    }

    private int appendLocked(String sessionId, Path file, FileChannel channel, List<MonitorEvent> events,
                             ProblemReporter.Pass problems) throws IOException {
        SessionIndexes.Refreshed state = indexes.refresh(sessionId, file, channel, problems);
        long size = channel.size();
        if (size > 0 && lastByte(channel, size) != LF) {
            writeFully(channel, ByteBuffer.wrap(new byte[] {LF}), size);
            problems.report(file, state.index().nextLine(), sessionId,
                    "the last line had no line feed (cut short by a crash?); a line feed was added before appending",
                    new byte[0]);
            state = indexes.refresh(sessionId, file, channel, problems);
            size = channel.size();
        }
        SessionIndex index = state.index();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<IndexedLine> lines = new ArrayList<>();
        Set<String> batch = new HashSet<>();
        long number = index.nextLine();
        for (MonitorEvent e : events) {
            if (!batch.add(e.id()) || indexes.containsId(index, e.id(), file, sessionId, channel, problems)) {
                continue;
            }
            long start = size + out.size();
            out.write(MonitorJson.toLine(e));
            out.write(LF);
            lines.add(new IndexedLine(start, size + out.size(), number++, IndexedLine.Kind.EVENT, e.timestamp(),
                    IdHash.of(e.id())));
        }
        if (lines.isEmpty()) {
            return 0;
        }
        writeFully(channel, ByteBuffer.wrap(out.toByteArray()), size);
        indexes.appended(sessionId, index, lines, channel);
        return lines.size();
    }

    private static byte lastByte(FileChannel channel, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, size - 1);
        return one.get(0);
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }
}
