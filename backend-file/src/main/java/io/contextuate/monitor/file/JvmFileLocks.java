package io.contextuate.monitor.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per file for the whole JVM. A {@link java.nio.channels.FileLock} keeps other processes out but belongs
 * to the JVM, so threads (and several stores open on one directory) take this lock first, then the file lock.
 */
final class JvmFileLocks {

    /** Work done while holding a file's lock. */
    @FunctionalInterface
    interface LockedWork<T> {
        T run() throws IOException;
    }

    private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private JvmFileLocks() {
    }

    static <T> T with(Path file, LockedWork<T> work) throws IOException {
        ReentrantLock lock = LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new ReentrantLock());
        lock.lock();
        try {
            return work.run();
        } finally {
            lock.unlock();
        }
    }
}
