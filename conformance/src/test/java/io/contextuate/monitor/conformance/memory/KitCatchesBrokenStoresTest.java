package io.contextuate.monitor.conformance.memory;

import io.contextuate.monitor.spi.EventQuery;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.conformance.MonitorStoreConformance;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The kit can fail: run against stores that each break one rule, it fails the test that pins that rule (and the
 * reference store, run the same way, passes everything; see {@link InMemoryStoreConformanceTest}).
 */
class KitCatchesBrokenStoresTest {

    private static final String GUARD = "contextuate.kit.brokenStores";

    static Stream<Arguments> brokenStores() {
        return Stream.of(
                Arguments.of(TiesById.class, "equalTimestampsKeepSaveOrderAcrossSeparateSaves"),
                Arguments.of(ChildrenKeepTheirParent.class, "deletingASessionClearsItsChildrensParent"),
                Arguments.of(DropsUnknownMembers.class, "unknownMembersOfAnEventAreKept"),
                Arguments.of(PrunesAtTheCutoff.class, "pruneSparesASessionEndingExactlyAtTheCutoff"),
                Arguments.of(AlwaysNew.class, "saveEventIsTrueForANewEventAndFalseForOneTheStoreHolds"),
                Arguments.of(OldestSessionsFirst.class, "getSessionsIsNewestStartTimeFirstWithTiesBySessionId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenStores")
    void theKitFailsAStoreThatBreaksARule(Class<?> brokenKit, String failingTest) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        System.setProperty(GUARD, "true");
        try {
            launcher.execute(request().selectors(selectClass(brokenKit)).build(), listener);
        } finally {
            System.clearProperty(GUARD);
        }
        TestExecutionSummary summary = listener.getSummary();
        List<String> failed = summary.getFailures().stream()
                .map(f -> f.getTestIdentifier().getDisplayName()).toList();
        assertThat(summary.getTestsStartedCount()).as("kit tests run").isGreaterThan(70);
        assertThat(failed).anyMatch(name -> name.startsWith(failingTest + "("));
    }

    /** Orders equal timestamps by id instead of save order. */
    @EnabledIfSystemProperty(named = GUARD, matches = "true")
    static class TiesById extends MonitorStoreConformance {
        @Override
        protected MonitorStore openStore() {
            return new ForwardingMonitorStore(new InMemoryMonitorStore()) {
                @Override
                public List<MonitorEvent> getEvents(String sessionId, EventQuery query) {
                    return delegate.getEvents(sessionId, query).stream().sorted(Comparator
                            .comparingLong(MonitorEvent::timestamp).thenComparing(MonitorEvent::id)).toList();
                }
            };
        }
    }

    /** Deletes a session but leaves its children pointing at it. */
    @EnabledIfSystemProperty(named = GUARD, matches = "true")
    static class ChildrenKeepTheirParent extends MonitorStoreConformance {
        @Override
        protected MonitorStore openStore() {
            return new ForwardingMonitorStore(new InMemoryMonitorStore()) {
                @Override
                public void deleteSession(String sessionId) {
                    List<SessionMeta> children = delegate.getSessions(SessionQuery.all()).stream()
                            .filter(s -> sessionId.equals(s.parentSessionId())).toList();
                    delegate.deleteSession(sessionId);
                    children.forEach(delegate::saveSession);
                }
            };
        }
    }

    /** Forgets the unknown top-level members of events. */
    @EnabledIfSystemProperty(named = GUARD, matches = "true")
    static class DropsUnknownMembers extends MonitorStoreConformance {
        @Override
        protected MonitorStore openStore() {
            return new ForwardingMonitorStore(new InMemoryMonitorStore()) {
                @Override
                public boolean saveEvent(MonitorEvent event) {
                    return delegate.saveEvent(event.toBuilder().extra(null).build());
                }
            };
        }
    }

    /** Prunes sessions that ended exactly at the cutoff too. */
    @EnabledIfSystemProperty(named = GUARD, matches = "true")
    static class PrunesAtTheCutoff extends MonitorStoreConformance {
        @Override
        protected MonitorStore openStore() {
            return new ForwardingMonitorStore(new InMemoryMonitorStore()) {
                @Override
                public int pruneOldSessions(long cutoffMs) {
                    return delegate.pruneOldSessions(cutoffMs + 1);
                }
            };
        }
    }

    /** Says every save was new. */
    @EnabledIfSystemProperty(named = GUARD, matches = "true")
    static class AlwaysNew extends MonitorStoreConformance {
        @Override
        protected MonitorStore openStore() {
            return new ForwardingMonitorStore(new InMemoryMonitorStore()) {
                @Override
                public boolean saveEvent(MonitorEvent event) {
                    delegate.saveEvent(event);
                    return true;
                }
            };
        }
    }

    /** Lists the oldest sessions first. */
    @EnabledIfSystemProperty(named = GUARD, matches = "true")
    static class OldestSessionsFirst extends MonitorStoreConformance {
        @Override
        protected MonitorStore openStore() {
            return new ForwardingMonitorStore(new InMemoryMonitorStore()) {
                @Override
                public List<SessionMeta> getSessions(SessionQuery query) {
                    return delegate.getSessions(query).stream()
                            .sorted(Comparator.comparingLong(SessionMeta::startTime)).toList();
                }
            };
        }
    }
}
