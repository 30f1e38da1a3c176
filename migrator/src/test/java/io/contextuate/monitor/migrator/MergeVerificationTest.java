package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.conformance.UpstreamDataset;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionPatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Verification of a target that holds more than its source: containment passes, exact does not. */
class MergeVerificationTest {

    @TempDir
    Path tmp;

    private MigrationOptions options(String name) {
        return MigrationOptions.defaults().withRejectsDir(tmp.resolve("rejects-" + name)).withBatchEvents(50);
    }

    @Test
    void aStoreMigratedIntoATargetHoldingOtherSessionsPassesAndTheSurplusIsInformation() {
        Path mine = tmp.resolve("mine");
        Path theirs = tmp.resolve("theirs");
        GeneratedStores.write(mine, GeneratedStores.quick(71));
        GeneratedStores.write(theirs, GeneratedStores.quick(72));
        Path target = tmp.resolve("target");
        assertThat(new Migrator(options("theirs")).migrate(theirs, target).outcome()).isEqualTo(Outcome.COMPLETED);

        MigrationSummary merge = new Migrator(options("mine")).migrate(mine, target);

        assertThat(merge.outcome()).as(merge.describe()).isEqualTo(Outcome.COMPLETED);
        assertThat(merge.exitCode()).isZero();
        VerificationReport report = merge.verification();
        assertThat(report.passed()).as(report.describe()).isTrue();
        assertThat(report.equal()).isFalse();
        assertThat(report.count(Difference.Kind.SESSION_EXTRA)).isZero();
        StoreContents others = StoreContents.of(theirs);
        Set<String> otherIds = new HashSet<>(others.sessions().keySet());
        otherIds.addAll(others.events().keySet());
        long otherSessions = otherIds.size();
        assertThat(report.targetOnlySessions()).isEqualTo(otherSessions);
        assertThat(report.describe()).contains("the target also holds " + otherSessions + " session(s)")
                .contains("(information)");
    }

    @Test
    void exactVerificationCountsWhatOnlyTheTargetHoldsAsDifferences() {
        Path source = tmp.resolve("source");
        GeneratedStores.write(source, GeneratedStores.quick(73));
        Path target = tmp.resolve("target");
        assertThat(new Migrator(options("in")).migrate(source, target).outcome()).isEqualTo(Outcome.COMPLETED);
        MonitorEvent added;
        try (MonitorStore t = StoreOpener.at(target).open(ReadProblemListener.NONE)) {
            String session = t.streamEventSessionIds().findFirst().orElseThrow();
            added = t.streamEvents(session).findFirst().orElseThrow().toBuilder().id("saved-later-in-the-target")
                    .build();
            t.saveEvent(added);
            t.saveSession(t.streamSessions().findFirst().orElseThrow().toBuilder().sessionId("only-in-target")
                    .parentSessionId(null).build());
        }

        VerificationReport contained = Migrator.verify(source, target, RefusedRecords.none());
        VerificationReport exact = Migrator.verify(source, target, RefusedRecords.none(), VerificationMode.EXACT);

        assertThat(contained.passed()).as(contained.describe()).isTrue();
        assertThat(contained.targetOnlyEvents()).isEqualTo(1);
        assertThat(contained.targetOnlySessions()).isEqualTo(1);
        assertThat(contained.eventCounts()).isEmpty();
        assertThat(exact.passed()).isFalse();
        assertThat(exact.count(Difference.Kind.EVENT_EXTRA)).isEqualTo(1);
        assertThat(exact.count(Difference.Kind.SESSION_EXTRA)).isEqualTo(1);
        assertThat(exact.totalDifferences()).isEqualTo(2);
        assertThat(exact.differences()).extracting(Difference::eventId).contains(added.id());
    }

    @Test
    void containmentStillFailsOnASourceRecordTheTargetLacksOrHoldsChanged() {
        Path source = tmp.resolve("source");
        UpstreamDataset data = GeneratedStores.write(source, GeneratedStores.quick(74));
        Path target = tmp.resolve("target");
        new Migrator(options("in")).migrate(source, target);
        String changed = data.sessionMetas().get(0).sessionId();
        Set<String> parents = data.sessionMetas().stream().map(SessionMeta::parentSessionId)
                .filter(p -> p != null).collect(Collectors.toSet());
        String dropped = data.sessions().stream().filter(s -> s.meta().isPresent() && !s.lines().isEmpty())
                .map(s -> s.sessionId()).filter(id -> !id.equals(changed) && !parents.contains(id))
                .findFirst().orElseThrow();
        try (MonitorStore t = StoreOpener.at(target).open(ReadProblemListener.NONE)) {
            t.updateSession(changed, SessionPatch.empty().set("label", "edited in the target"));
            t.deleteSession(dropped);
        }

        VerificationReport report = Migrator.verify(source, target, RefusedRecords.none());

        assertThat(report.passed()).isFalse();
        assertThat(report.differences()).extracting(Difference::kind, Difference::sessionId, Difference::eventId)
                .contains(tuple(Difference.Kind.SESSION_DIFFERS, changed, null),
                        tuple(Difference.Kind.SESSION_MISSING, dropped, null));
        assertThat(report.count(Difference.Kind.EVENT_MISSING)).isEqualTo(data.session(dropped).distinctEvents()
                .size());
        assertThat(report.eventCounts()).extracting(EventCountMismatch::sessionId).containsExactly(dropped);
    }
}
