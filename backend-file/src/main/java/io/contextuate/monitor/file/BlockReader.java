package io.contextuate.monitor.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the events of one indexed block, skipping repeated ids and reporting lines that are not events. */
final class BlockReader {

    private BlockReader() {
    }

    static List<PositionedEvent> read(FileChannel channel, Path file, String sessionId, IndexBlock block,
                                      ProblemReporter.Pass problems) throws IOException {
        List<PositionedEvent> events = new ArrayList<>(block.eventCount());
        LineReader.read(channel, block.start(), block.end(), block.firstLine(), line -> {
            if (block.isDuplicate((int) (line.number() - block.firstLine()))) {
                return;
            }
            ParsedLine parsed = ParsedLine.of(line, sessionId);
            if (parsed.isEvent()) {
                events.add(new PositionedEvent(line.start(), line.number(), parsed.event()));
            } else if (parsed.isProblem()) {
                problems.report(file, line.number(), sessionId, parsed.problem(), line.raw());
            }
        });
        return events;
    }
}
