package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.log.LogWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Waits for changes under a file store: a {@link WatchService} on the base directory, {@code sessions/} and every
 * session directory (each new one registered as it appears), run by one daemon thread; or, where the service cannot
 * be had, a wait of one poll interval. A directory the service refuses to watch (the system's limit of watches
 * reached, say) makes every wait at most one poll interval too, so no session waits longer to be seen.
 */
final class FileLogWatch implements LogWatch {

    private static final Logger LOG = LoggerFactory.getLogger(FileLogWatch.class);

    private final StoreLayout layout;
    private final Duration pollInterval;
    private final WatchService service;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean signalled;
    private volatile boolean closed;
    /** Some directory could not be registered: waits are capped at the poll interval. */
    private volatile boolean partial;

    private FileLogWatch(StoreLayout layout, Duration pollInterval, WatchService service) {
        this.layout = layout;
        this.pollInterval = pollInterval;
        this.service = service;
    }

    static FileLogWatch start(StoreLayout layout, Duration pollInterval) {
        WatchService service = null;
        try {
            service = layout.baseDir().getFileSystem().newWatchService();
            if (Files.isDirectory(layout.baseDir())) {
                layout.baseDir().register(service, StandardWatchEventKinds.ENTRY_CREATE);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.info("no file change notifications for {} ({}); polling every {} ms", layout.baseDir(), e,
                    pollInterval.toMillis());
            close(service);
            service = null;
        }
        FileLogWatch watch = new FileLogWatch(layout, pollInterval, service);
        if (service != null) {
            watch.registerSessions();
            Thread t = new Thread(watch::run, "file-log-watch");
            t.setDaemon(true);
            t.start();
        }
        return watch;
    }

    @Override
    public boolean await(Duration max) throws InterruptedException {
        boolean polling = service == null || partial;
        long wait = polling ? Math.min(max.toNanos(), pollInterval.toNanos()) : max.toNanos();
        lock.lock();
        try {
            while (!signalled && wait > 0) {
                wait = changed.awaitNanos(wait);
            }
            boolean woken = signalled || polling;
            signalled = false;
            return woken;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wakeUp() {
        signal();
    }

    @Override
    public boolean notified() {
        return service != null;
    }

    @Override
    public void close() {
        closed = true;
        close(service);
        signal();
    }

    private void signal() {
        lock.lock();
        try {
            signalled = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            while (!closed) {
                WatchKey key = service.take();
                Path dir = (Path) key.watchable();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        registerSessions();
                    } else if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                        Path created = dir.resolve((Path) event.context());
                        if (created.equals(layout.sessionsDir())) {
                            registerSessions();
                        } else if (dir.equals(layout.sessionsDir())) {
                            register(created);
                        }
                    }
                }
                key.reset(); // a key of a deleted directory stays invalid and is dropped
                signal();
            }
        } catch (ClosedWatchServiceException | InterruptedException stop) {
            // closed
        }
    }

    /** Registers {@code sessions/} and every session directory in it (registering one twice is harmless). */
    private void registerSessions() {
        Path sessions = layout.sessionsDir();
        if (!register(sessions)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(sessions, Files::isDirectory)) {
            for (Path dir : dirs) {
                register(dir);
            }
        } catch (IOException e) {
            LOG.debug("cannot list {} to watch it: {}", sessions, e.toString());
        }
    }

    private boolean register(Path dir) {
        try {
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            return true;
        } catch (NoSuchFileException gone) {
            return false; // not made yet (its creation in the parent is watched) or deleted meanwhile
        } catch (IOException e) {
            if (!partial) {
                partial = true;
                LOG.warn("cannot watch {} for changes ({}); looking at the store every {} ms as well", dir, e,
                        pollInterval.toMillis());
            }
            return false;
        } catch (ClosedWatchServiceException closing) {
            return false;
        }
    }

    private static void close(WatchService service) {
        if (service == null) {
            return;
        }
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service: {}", e.toString());
        }
    }
}
