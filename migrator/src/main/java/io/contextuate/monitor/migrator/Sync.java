package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.RetryPolicy;
import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.log.EventLog;
import io.contextuate.monitor.spi.log.LogWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Carries upstream file stores into any store and keeps them current. Each source is a directory in upstream's
 * layout, opened read-only and read through its {@link EventLog}; the target is any store (a configuration file or
 * a directory). Exactly once in effect: a position per events file is saved in the state folder only after the
 * target confirmed the rows before it, and the target's idempotent saves make a repeated tail add nothing. Session
 * records are carried when they changed in the source since they were last carried, so edits made in the target
 * survive. Lines without their line feed wait; a {@code meta.json} met half-written is read again; sessions deleted
 * in the source stay in the target unless asked otherwise.
 *
 * <pre>{@code
 * Sync sync = new Sync(SyncOptions.defaults());
 * SyncSummary once = sync.once(List.of(home.resolve(".contextuate/monitor")), Path.of("team-pg.json"));
 * // or, until sync.stop() is called from another thread:
 * SyncSummary followed = sync.follow(List.of(dir), Path.of("team-pg.json"));
 * }</pre>
 */
public final class Sync {

    private static final Logger LOG = LoggerFactory.getLogger(Sync.class);
    /** How long a follower waits without a notification before looking anyway. */
    private static final Duration SAFETY_LOOK = Duration.ofSeconds(30);
    private static final RetryPolicy FOLLOW_RETRY = RetryPolicy.unlimited(Duration.ofMillis(500),
            Duration.ofSeconds(30));
    /**
     * A follower's pass that fails other than by the target's outage (which {@link #FOLLOW_RETRY} waits through
     * inside the pass): a source directory gone, a full disk for the positions. Tried again until it works, the
     * waits doubling from 1 s up to {@link #SAFETY_LOOK}; one WARN when it starts failing, one when it works again.
     */
    private static final RetryPolicy FAILURE_RETRY = RetryPolicy.unlimited(Duration.ofSeconds(1), SAFETY_LOOK);

    private final SyncOptions options;
    private final List<LogWatch> watches = new CopyOnWriteArrayList<>();
    private volatile boolean stopRequested;

    public Sync(SyncOptions options) {
        this.options = options;
    }

    /**
     * Brings the target up to date with each source and returns: unfinished last lines stay for the next run
     * (unless idle for the partial-line timeout), a {@code meta.json} met half-written is read again for a moment.
     *
     * @throws ConfigurationException when a store's configuration cannot be used, a source is not a file store, or
     *                                another sync of the same source and target runs
     */
    public SyncSummary once(List<Path> sources, Path target) {
        return run(sources, target, false);
    }

    /**
     * Carries the sources into the target and keeps doing so as they change, until {@link #stop()}: then it ends
     * after the current batch, every confirmed position saved. A target that goes away is waited for.
     *
     * @throws ConfigurationException as {@link #once}
     */
    public SyncSummary follow(List<Path> sources, Path target) {
        return run(sources, target, true);
    }

    /** Asks a running {@link #follow} (or {@link #once}) to end after its current batch; returns at once. */
    public void stop() {
        stopRequested = true;
        watches.forEach(LogWatch::wakeUp);
    }

    private SyncSummary run(List<Path> sourcePaths, Path targetPath, boolean follow) {
        if (sourcePaths.isEmpty()) {
            throw new IllegalArgumentException("name at least one source");
        }
        long started = System.nanoTime();
        StoreOpener targetOpener = StoreOpener.at(targetPath);
        RetryPolicy retry = follow ? FOLLOW_RETRY : options.retry();
        List<Opened> opened = new ArrayList<>();
        MonitorStore target = null;
        try {
            for (Path p : sourcePaths) {
                opened.add(openSource(p, targetOpener.name()));
            }
            target = new Retrier(retry, MigrationListener.NONE, targetOpener.name(), () -> stopRequested)
                    .call(() -> targetOpener.open(ReadProblemListener.NONE));
            List<SourceFollower> followers = new ArrayList<>();
            for (Opened o : opened) {
                o.folder.describe(o.name, targetOpener.name());
                followers.add(new SourceFollower(o.name, o.store, o.log, target, options, o.folder, retry,
                        () -> stopRequested));
            }
            LOG.info("syncing {} into {}{}", opened.stream().map(o -> o.name).toList(), target.describe(),
                    follow ? ", following changes" : "");
            Outcome outcome = follow ? followAll(opened, followers) : onceAll(followers);
            List<SyncSummary.Source> summaries = followers.stream().map(SourceFollower::summary).toList();
            long rejected = summaries.stream().mapToLong(SyncSummary.Source::rejected).sum();
            if (outcome == Outcome.COMPLETED && rejected > 0 && !follow) {
                outcome = Outcome.COMPLETED_WITH_REJECTS;
            }
            String message = message(outcome, follow || stopRequested, summaries);
            return new SyncSummary(target.describe(), outcome, message, summaries,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (Retrier.StoppedException e) {
            return new SyncSummary(targetOpener.name(), Outcome.COMPLETED, "Stopped while waiting for the target.",
                    List.of(), Duration.ofNanos(System.nanoTime() - started));
        } finally {
            if (target != null) {
                target.close();
            }
            for (Opened o : opened) {
                o.close();
            }
        }
    }

    private static String message(Outcome outcome, boolean stopped, List<SyncSummary.Source> sources) {
        String errors = String.join("; ", sources.stream().map(SyncSummary.Source::lastError)
                .filter(e -> e != null).toList());
        return switch (outcome) {
            case COMPLETED -> stopped ? "Stopped; every confirmed position is saved." : "Up to date.";
            case COMPLETED_WITH_REJECTS -> "Up to date, with rejected records kept in the rejects folder.";
            case STOPPED_TARGET_UNAVAILABLE -> "Stopped: the target stayed unavailable (" + errors
                    + "). Run again to go on where it stopped.";
            default -> "Failed: " + errors + ". Run again to go on where it stopped.";
        };
    }

    private Outcome onceAll(List<SourceFollower> followers) {
        Outcome outcome = Outcome.COMPLETED;
        for (SourceFollower f : followers) {
            try {
                while (!stopRequested) {
                    boolean left = f.pass();
                    if (!left && !f.recordsPending()) {
                        break;
                    }
                    if (!left) {
                        sleepUntil(f.nextDue());
                    }
                }
            } catch (Retrier.StoreStillUnavailableException e) {
                f.failed(e);
                outcome = Outcome.STOPPED_TARGET_UNAVAILABLE;
            } catch (Retrier.StoppedException e) {
                break;
            } catch (RuntimeException e) {
                LOG.error("sync failed: {}", e.toString());
                LOG.debug("sync failure", e);
                f.failed(e);
                if (outcome == Outcome.COMPLETED) {
                    outcome = Outcome.FAILED;
                }
            }
        }
        return outcome;
    }

    private Outcome followAll(List<Opened> opened, List<SourceFollower> followers) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < followers.size(); i++) {
            SourceFollower f = followers.get(i);
            LogWatch watch = opened.get(i).log.watch(options.pollInterval());
            watches.add(watch);
            if (stopRequested) {
                watch.wakeUp();
            }
            String name = opened.get(i).name();
            Thread t = new Thread(() -> followOne(f, watch, name), "sync-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
            }
        }
        watches.forEach(LogWatch::close);
        return Outcome.COMPLETED;
    }

    private void followOne(SourceFollower f, LogWatch watch, String name) {
        RetryPolicy retry = FAILURE_RETRY.stoppingWhen(() -> stopRequested);
        LOG.info("following {} ({})", name, watch.notified() ? "change notifications"
                : "polling every " + options.pollInterval().toMillis() + " ms");
        try {
            while (!stopRequested) {
                boolean left = retry.call("sync of " + name, f::pass, e -> !(e instanceof Retrier.StoppedException),
                        wait -> f.failed(wait.cause()));
                if (left) {
                    continue;
                }
                long untilDue = f.nextDue() - System.currentTimeMillis();
                Duration wait = Duration.ofMillis(Math.max(0, Math.min(SAFETY_LOOK.toMillis(), untilDue)));
                if (!wait.isZero()) {
                    watch.await(wait);
                }
            }
        } catch (Retrier.StoppedException | CancellationException e) {
            // asked to stop while waiting: the loop's own condition, reached early
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("stopped following {}", name);
    }

    private void sleepUntil(long dueMillis) {
        long wait = Math.min(dueMillis - System.currentTimeMillis(), options.brokenRecordWait().toMillis());
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
            }
        }
    }

    private Opened openSource(Path path, String targetName) {
        Path dir = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("the sync source " + path + " is not a directory: name the directory "
                    + "of an upstream file store (for example ~/.contextuate/monitor)");
        }
        String name = dir.toString();
        MonitorStore store = MonitorPersistence.openForReading(MonitorConfig.forStore(dir), ReadProblemListener.NONE);
        EventLog log = store.eventLog().orElse(null);
        if (log == null) {
            store.close();
            throw new ConfigurationException("the sync source " + path + " (" + store.describe() + ") cannot be "
                    + "followed: sync reads file stores, whose events are append-only files");
        }
        SyncFolder folder = SyncFolder.of(options.stateRoot(), name, targetName);
        FileChannel lock;
        try {
            lock = folder.lock(name, targetName);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return new Opened(name, store, log, folder, lock);
    }

    /** An open source with its state folder locked. */
    private record Opened(String name, MonitorStore store, EventLog log, SyncFolder folder, FileChannel lock) {
        void close() {
            store.close();
            try {
                lock.close();
            } catch (IOException e) {
                LOG.debug("releasing {}: {}", folder.dir(), e.toString());
            }
        }
    }
}
