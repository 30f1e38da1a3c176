package io.contextuate.monitor.conformance;

import io.contextuate.monitor.spi.ReadProblem;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A base directory written by {@link UpstreamDamage}, with what reading it must give: the problems to report and
 * the records that must still arrive.
 *
 * @param baseDir the store's base directory
 * @param cases   one case per damage, each in its own session directory
 */
public record DamagedStore(Path baseDir, List<DamageCase> cases) {

    public DamagedStore {
        cases = List.copyOf(cases);
    }

    /** The case of this damage. */
    public DamageCase of(Damage damage) {
        return cases.stream().filter(c -> c.damage() == damage).findFirst()
                .orElseThrow(() -> new NoSuchElementException(damage + " was not injected"));
    }

    /** Every problem a reader of the whole store must report. */
    public List<ExpectedProblem> expectedProblems() {
        return cases.stream().flatMap(c -> c.problems().stream()).toList();
    }

    /** Every session record that must arrive. */
    public List<UpstreamSession> sessionsToArrive() {
        return cases.stream().map(DamageCase::sessionToArrive).flatMap(Optional::stream).toList();
    }

    /** The expected problems no reported problem matches (empty when the reader reported them all). */
    public List<ExpectedProblem> unreported(Collection<ReadProblem> reported) {
        return expectedProblems().stream().filter(e -> reported.stream().noneMatch(e::matches)).toList();
    }

    /** The reported problems that match no expected problem (empty when the reader reported nothing extra). */
    public List<ReadProblem> unexpected(Collection<ReadProblem> reported) {
        return reported.stream().filter(r -> expectedProblems().stream().noneMatch(e -> e.matches(r))).toList();
    }
}
