package io.contextuate.monitor.migrator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code sync --follow} in a process of its own, for tests that kill it: {@code STATE TARGET SOURCE...}. Prints
 * {@code following} once started; a SIGTERM stops it after the current batch, as the command does.
 */
public final class SyncChildProcess {

    private SyncChildProcess() {
    }

    public static void main(String[] args) {
        SyncOptions options = SyncOptions.defaults().withStateDir(Path.of(args[0])).withBatchEvents(100);
        List<Path> sources = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            sources.add(Path.of(args[i]));
        }
        Sync sync = new Sync(options);
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sync.stop();
            try {
                stopped.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.out.println("following");
        System.out.flush();
        SyncSummary summary = sync.follow(sources, Path.of(args[1]));
        System.out.println("stopped " + summary.outcome());
        System.out.flush();
        stopped.countDown();
    }

    /** Starts it with this JVM's class path. */
    static Process start(Path log, String... args) throws java.io.IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m",
                SyncChildProcess.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }
}
