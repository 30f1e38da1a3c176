package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.ReadProblem;
import io.contextuate.monitor.spi.StoreUnavailableException;
import io.contextuate.monitor.spi.log.EventLog;
import io.contextuate.monitor.spi.log.FileVersion;
import io.contextuate.monitor.spi.log.LogPosition;
import io.contextuate.monitor.spi.log.LogRead;
import io.contextuate.monitor.spi.log.LogSession;
import io.contextuate.monitor.spi.log.LogWatch;
import io.contextuate.monitor.spi.log.RecordRead;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * The file store's {@link EventLog}: {@code sessions/<id>/meta.json} and {@code events.jsonl} read in place, with
 * the store's own line reading and record parsing. Touches nothing but the files it reads (no index, no lock), so
 * it works on a read-only directory and beside upstream writing the same files.
 */
final class FileEventLog implements EventLog {

    private final StoreLayout layout;
    private final MetaFiles metas;

    FileEventLog(StoreLayout layout) {
        this.layout = layout;
        this.metas = new MetaFiles(layout);
    }

    @Override
    public List<LogSession> scan() {
        List<LogSession> found = new ArrayList<>();
        Path dir = layout.sessionsDir();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path entry : entries) {
                String id = entry.getFileName().toString();
                if (SafeSessionId.canRead(id)) {
                    found.add(new LogSession(id, version(layout.metaFile(id)).orElse(null),
                            version(layout.eventsFile(id)).orElse(null)));
                }
            }
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (IOException e) {
            throw unavailable("list", dir, e);
        }
        return found;
    }

    @Override
    public RecordRead readRecord(String sessionId) {
        if (!SafeSessionId.canRead(sessionId)) {
            return new RecordRead(null, null, null);
        }
        Optional<FileVersion> version = version(layout.metaFile(sessionId)); // before the bytes: never too new
        if (version.isEmpty()) {
            return new RecordRead(null, null, null);
        }
        List<ReadProblem> problems = new ArrayList<>(1);
        ProblemReporter reporter = ProblemReporter.forCaller(problems::add);
        return metas.read(sessionId, reporter.pass())
                .map(meta -> new RecordRead(meta, version.get(), null))
                .orElseGet(() -> new RecordRead(null, version.get(), problems.isEmpty() ? null : problems.get(0)));
    }

    @Override
    public LogRead read(String sessionId, LogPosition from, int maxEvents, boolean takeUnfinished) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1, was " + maxEvents);
        }
        Path file = layout.eventsFile(sessionId);
        if (!SafeSessionId.canRead(sessionId)) {
            return new LogRead(List.of(), List.of(), from, false, 0, false, 0);
        }
        Optional<FileVersion> version = version(file);
        if (version.isEmpty()) {
            return new LogRead(List.of(), List.of(), from, false, 0, false, 0);
        }
        String key = version.get().fileKey();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            LogPosition start = from;
            boolean restarted = false;
            if (!from.atStart() && (!from.fileKey().equals(key) || size < from.offset()
                    || checksumBefore(channel, from.offset()) != from.checksum())) {
                start = LogPosition.START;
                restarted = true;
            }
            Collector c = new Collector(file, sessionId, start, maxEvents, takeUnfinished);
            try {
                LineReader.read(channel, start.offset(), size, start.lines() + 1, c::accept);
            } catch (EnoughRead stop) {
                c.more = true;
            }
            LogPosition next = c.endOffset == start.offset() && start.fileKey().equals(key) ? start
                    : new LogPosition(key, c.endOffset, c.endLines, checksumBefore(channel, c.endOffset));
            long idle = Math.max(0, System.currentTimeMillis() - version.get().modifiedMillis());
            return new LogRead(c.events, c.problems, next, restarted, c.unfinished, c.more, idle);
        } catch (NoSuchFileException gone) {
            return new LogRead(List.of(), List.of(), from, false, 0, false, 0);
        } catch (IOException e) {
            throw unavailable("read", file, e);
        }
    }

    @Override
    public LogWatch watch(Duration pollInterval) {
        return FileLogWatch.start(layout, pollInterval);
    }

    @Override
    public String describe() {
        return "the logs of the file store at " + layout.baseDir();
    }

    /** The lines of one read, up to its limit. */
    private static final class Collector {
        final Path file;
        final String sessionId;
        final int maxEvents;
        final boolean takeUnfinished;
        final List<MonitorEvent> events = new ArrayList<>();
        final List<ReadProblem> problems = new ArrayList<>();
        long endOffset;
        long endLines;
        long unfinished;
        boolean more;

        Collector(Path file, String sessionId, LogPosition start, int maxEvents, boolean takeUnfinished) {
            this.file = file;
            this.sessionId = sessionId;
            this.maxEvents = maxEvents;
            this.takeUnfinished = takeUnfinished;
            this.endOffset = start.offset();
            this.endLines = start.lines();
        }

        void accept(Line line) throws EnoughRead {
            if (!line.terminated() && !takeUnfinished) {
                unfinished = line.end() - line.start();
                return;
            }
            if (events.size() >= maxEvents) {
                throw new EnoughRead();
            }
            ParsedLine parsed = ParsedLine.of(line, sessionId);
            if (parsed.isEvent()) {
                events.add(parsed.event());
            } else if (parsed.isProblem() || !line.terminated()) {
                String reason = line.terminated() ? parsed.problem()
                        : "cut short: " + line.raw().length + " bytes without a line feed, and the file stopped "
                                + "growing" + (parsed.isProblem() ? " (" + parsed.problem() + ")" : "");
                problems.add(new ReadProblem(file.toString(), line.number(), sessionId,
                        "at byte " + line.start() + ": " + reason, line.raw()));
            }
            endOffset = line.end();
            endLines = line.number();
        }
    }

    /** Stops a read at its limit. */
    private static final class EnoughRead extends IOException {
        EnoughRead() {
            super("the read reached its limit");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // control flow, not an error
        }
    }

    /** The CRC-32C of up to {@link LogPosition#CHECKED_BYTES} bytes before {@code offset}. */
    private static long checksumBefore(FileChannel channel, long offset) throws IOException {
        int length = (int) Math.min(offset, LogPosition.CHECKED_BYTES);
        ByteBuffer bytes = ByteBuffer.allocate(length);
        long at = offset - length;
        while (bytes.hasRemaining()) {
            int n = channel.read(bytes, at + bytes.position());
            if (n < 0) {
                return -1; // shorter than the position: no checksum can match
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.flip());
        return crc.getValue();
    }

    /** The file's version, or empty when it does not exist. */
    static Optional<FileVersion> version(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return Optional.empty();
            }
            Object key = a.fileKey();
            String identity = key != null ? key.toString() : "created-" + a.creationTime().to(TimeUnit.NANOSECONDS);
            long nanos = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            return Optional.of(new FileVersion(identity, a.size(), nanos / 1_000_000, nanos % 1_000_000));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw unavailable("look at", file, e);
        }
    }

    private static StoreUnavailableException unavailable(String what, Path where, IOException e) {
        return new StoreUnavailableException("Could not " + what + " " + where + ": " + e
                + ". Check that the directory exists and is readable.", e);
    }
}
