package io.contextuate.monitor.migrator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a target must hold of a source after a sync: every record JSON-equal, every event, none twice. */
final class Containment {

    private Containment() {
    }

    /** What the target lacks of the source, or holds twice; empty when it contains the source exactly once. */
    static List<String> problems(StoreContents source, StoreContents target) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> s : source.sessions().entrySet()) {
            String held = target.sessions().get(s.getKey());
            if (!s.getValue().equals(held)) {
                problems.add("session " + s.getKey() + (held == null ? " missing" : " differs"));
            }
        }
        for (Map.Entry<String, List<String>> e : source.events().entrySet()) {
            List<String> held = target.events().getOrDefault(e.getKey(), List.of());
            Set<String> heldSet = new HashSet<>(held);
            if (heldSet.size() != held.size()) {
                problems.add("session " + e.getKey() + " holds an event twice");
            }
            long missing = e.getValue().stream().filter(x -> !heldSet.contains(x)).count();
            if (missing > 0) {
                problems.add("session " + e.getKey() + " lacks " + missing + " of " + e.getValue().size()
                        + " events");
            }
        }
        return problems;
    }

    /** Waits until the target contains the source; fails listing what is still missing. */
    static void await(Path sourceDir, Path target, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        List<String> last;
        do {
            last = problems(StoreContents.of(sourceDir), StoreContents.of(target));
            if (last.isEmpty()) {
                return;
            }
            Thread.sleep(300);
        } while (System.nanoTime() < end);
        throw new AssertionError("the target does not contain the source after " + max.toSeconds() + " s: "
                + (last.size() > 20 ? last.subList(0, 20) + " and " + (last.size() - 20) + " more" : last));
    }
}
