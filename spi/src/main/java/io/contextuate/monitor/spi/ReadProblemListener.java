package io.contextuate.monitor.spi;

/**
 * Receives the {@link ReadProblem}s a store meets while reading; the migrator uses it to write rejects. Called from
 * the reading thread; implementations must be thread-safe when the store is read from several threads.
 */
@FunctionalInterface
public interface ReadProblemListener {

    /** A listener that does nothing beyond the store's own log line. */
    ReadProblemListener NONE = problem -> { };

    void onProblem(ReadProblem problem);
}
