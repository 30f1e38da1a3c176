package io.contextuate.monitor.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A read-only bind mount of a directory for one test (needs root): writes through it fail as on a read-only disk. */
final class ReadOnlyMount implements AutoCloseable {

    private final Path view;

    private ReadOnlyMount(Path view) {
        this.view = view;
    }

    /** Mounts {@code source} read-only at a new directory {@code view}. */
    static ReadOnlyMount of(Path source, Path view) throws IOException, InterruptedException {
        Files.createDirectories(view);
        SmallTmpfs.run("mount", "--bind", source.toString(), view.toString());
        try {
            SmallTmpfs.run("mount", "-o", "remount,bind,ro", view.toString());
        } catch (RuntimeException e) {
            SmallTmpfs.run("umount", view.toString());
            throw e;
        }
        return new ReadOnlyMount(view);
    }

    Path view() {
        return view;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        SmallTmpfs.run("umount", view.toString());
    }
}
