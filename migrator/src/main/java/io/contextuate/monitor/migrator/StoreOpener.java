package io.contextuate.monitor.migrator;

import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Opens one side of a migration. The migrator opens the source itself so that it hears every
 * {@link io.contextuate.monitor.spi.ReadProblem} the source meets, and keeps it as a reject.
 */
public interface StoreOpener {

    /** A stable name for the store (its path), used to key the checkpoint and the default work folder. */
    String name();

    /** Opens the store, reporting what it cannot read to {@code problems}. */
    MonitorStore open(ReadProblemListener problems);

    /**
     * Opens the store to be read only (a source: it writes nothing where its data lives), reporting what it cannot
     * read to {@code problems}. By default the same as {@link #open}.
     */
    default MonitorStore openForReading(ReadProblemListener problems) {
        return open(problems);
    }

    /** The store a configuration file names, or the file store in a directory (found through the {@code api}). */
    static StoreOpener at(Path configFileOrDirectory) {
        Path path = configFileOrDirectory.toAbsolutePath().normalize();
        return opening(path.toString(), problems -> MonitorPersistence.open(MonitorConfig.forStore(path), problems),
                problems -> MonitorPersistence.openForReading(MonitorConfig.forStore(path), problems));
    }

    /**
     * A store the caller opened; what it cannot read goes where the caller's listener sends it, not into the
     * rejects. The migrator closes it when done.
     */
    static StoreOpener of(String name, MonitorStore store) {
        return opening(name, problems -> store);
    }

    /** A store opened by {@code open}, given the listener for what it cannot read, when the migration begins. */
    static StoreOpener opening(String name, Function<ReadProblemListener, MonitorStore> open) {
        return opening(name, open, open);
    }

    /** As {@link #opening(String, Function)}, with its own way of opening the store read-only. */
    static StoreOpener opening(String name, Function<ReadProblemListener, MonitorStore> open,
                               Function<ReadProblemListener, MonitorStore> openForReading) {
        return new StoreOpener() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public MonitorStore open(ReadProblemListener problems) {
                return open.apply(problems);
            }

            @Override
            public MonitorStore openForReading(ReadProblemListener problems) {
                return openForReading.apply(problems);
            }
        };
    }
}
