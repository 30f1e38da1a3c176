package io.contextuate.monitor.spi.log;

import java.time.Duration;

/**
 * Waits for the next change of an {@link EventLog}: a new session, an appended line, a rewritten record, a deletion.
 * Close it to release what it watches with.
 */
public interface LogWatch extends AutoCloseable {

    /**
     * Blocks until something may have changed, {@link #wakeUp()} is called, or {@code max} elapsed, whichever is
     * first.
     *
     * @return whether it was woken by a change or {@link #wakeUp()} rather than by the time running out; when
     *         polling, {@code true} after each poll interval
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean await(Duration max) throws InterruptedException;

    /** Makes a current or the next {@link #await} return at once (for example to stop). */
    void wakeUp();

    /** Whether the operating system's notifications are used (otherwise: polling). */
    boolean notified();

    @Override
    void close();
}
