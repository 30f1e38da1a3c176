package io.contextuate.monitor.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real, small tmpfs mounted for one test (needs root), so that a full disk is a real full disk. */
final class SmallTmpfs implements AutoCloseable {

    private final Path dir;

    private SmallTmpfs(Path dir) {
        this.dir = dir;
    }

    static SmallTmpfs mount(Path parent, int kibibytes) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(parent.resolve("tmpfs"));
        run("mount", "-t", "tmpfs", "-o", "size=" + kibibytes + "k", "tmpfs", dir.toString());
        return new SmallTmpfs(dir);
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", dir.toString());
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (this test needs root): "
                    + output);
        }
    }
}
