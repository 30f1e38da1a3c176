package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.ReadProblem;
import io.contextuate.monitor.spi.ReadProblemListener;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands the source's read problems to the run's rejects; problems met while the store opens, before the run knows
 * where rejects go, are held until then.
 */
final class ProblemRelay implements ReadProblemListener {

    private final List<ReadProblem> early = new ArrayList<>();
    private Consumer<ReadProblem> sink;

    @Override
    public void onProblem(ReadProblem problem) {
        if (!ReadAhead.deferToConsumer(() -> deliver(problem))) { // met while reading ahead: the run's thread
            deliver(problem);
        }
    }

    private synchronized void deliver(ReadProblem problem) {
        if (sink == null) {
            early.add(problem);
        } else {
            sink.accept(problem);
        }
    }

    /** From now on problems go to {@code sink}, those held first. */
    synchronized void attach(Consumer<ReadProblem> target) {
        this.sink = target;
        early.forEach(target);
        early.clear();
    }
}
