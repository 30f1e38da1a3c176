package io.contextuate.monitor.conformance.memory;

import io.contextuate.monitor.conformance.ConcurrencyConformance;
import io.contextuate.monitor.conformance.DeletionConformance;
import io.contextuate.monitor.conformance.EventQueryConformance;
import io.contextuate.monitor.conformance.EventSaveConformance;
import io.contextuate.monitor.conformance.LosslessConformance;
import io.contextuate.monitor.conformance.MonitorStoreConformance;
import io.contextuate.monitor.conformance.SessionConformance;
import io.contextuate.monitor.conformance.StoreConformance;
import io.contextuate.monitor.conformance.StreamingConformance;
import io.contextuate.monitor.spi.MonitorStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * A kit subclass's tests are its own: every test runs, and is reported, as a test of the subclass (the class that
 * holds it in the test plan, which is what Surefire's summary counts), not of a nested class of the kit.
 */
class KitReportsUnderTheSubclassTest {

    private static final String GUARD = "contextuate.kit.reporting";

    @Test
    void theWholeKitRunsAsTestsOfTheSubclass() {
        List<Class<?>> areas = List.of(EventQueryConformance.class, EventSaveConformance.class,
                SessionConformance.class, DeletionConformance.class, StreamingConformance.class,
                LosslessConformance.class, ConcurrencyConformance.class);

        List<String> containers = containersOfSucceededTests(WholeKit.class);

        assertThat(containers).hasSize(areas.stream().mapToInt(KitReportsUnderTheSubclassTest::testsOf).sum())
                .allMatch(WholeKit.class.getName()::equals);
    }

    @Test
    void aSingleAreaRunsAsTestsOfTheSubclass() {
        List<String> containers = containersOfSucceededTests(EventQueriesOnly.class);

        assertThat(containers).hasSize(testsOf(EventQueryConformance.class))
                .allMatch(EventQueriesOnly.class.getName()::equals);
    }

    /** For each test that ran and passed, the class of the container that holds it in the test plan. */
    private static List<String> containersOfSucceededTests(Class<?> testClass) {
        List<String> containers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        TestExecutionListener listener = new TestExecutionListener() {
            private TestPlan plan;

            @Override
            public void testPlanExecutionStarted(TestPlan testPlan) {
                plan = testPlan;
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    return;
                }
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    failures.add(id.getDisplayName() + ": " + result);
                    return;
                }
                plan.getParent(id).flatMap(TestIdentifier::getSource)
                        .filter(ClassSource.class::isInstance).map(s -> ((ClassSource) s).getClassName())
                        .ifPresentOrElse(containers::add, () -> containers.add("no class container"));
            }
        };
        System.setProperty(GUARD, "true");
        try {
            LauncherFactory.create().execute(request().selectors(selectClass(testClass)).build(), listener);
        } finally {
            System.clearProperty(GUARD);
        }
        assertThat(failures).isEmpty();
        return containers;
    }

    private static int testsOf(Class<?> area) {
        return (int) Stream.of(area.getDeclaredMethods())
                .filter(m -> Arrays.stream(m.getAnnotations()).anyMatch(a -> a instanceof Test)).count();
    }

    @EnabledIfSystemProperty(named = GUARD, matches = "true")
    static class WholeKit extends MonitorStoreConformance {
        @Override
        protected MonitorStore openStore() {
            return new InMemoryMonitorStore();
        }
    }

    @EnabledIfSystemProperty(named = GUARD, matches = "true")
    static class EventQueriesOnly extends StoreConformance implements EventQueryConformance {
        @Override
        protected MonitorStore openStore() {
            return new InMemoryMonitorStore();
        }
    }
}
